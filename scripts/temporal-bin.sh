#!/usr/bin/env bash
# Prints the path of a `temporal` CLI (the real Temporal dev server), building it once if needed.
# Order: $TAKEDOWN_TEMPORAL_BIN, then `temporal` on PATH, then the cache, then `go install` into the cache.
# v1.5.1 is the last tag `go install` accepts (later tags carry a `replace` directive).
set -euo pipefail
version=v1.5.1
cache="${TAKEDOWN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/takedown}/temporal-$version"

if [ -n "${TAKEDOWN_TEMPORAL_BIN:-}" ]; then
  [ -x "$TAKEDOWN_TEMPORAL_BIN" ] || { echo "TAKEDOWN_TEMPORAL_BIN=$TAKEDOWN_TEMPORAL_BIN is not an executable file" >&2; exit 1; }
  echo "$TAKEDOWN_TEMPORAL_BIN"; exit 0
fi
if command -v temporal >/dev/null 2>&1; then command -v temporal; exit 0; fi
if [ -x "$cache/temporal" ]; then echo "$cache/temporal"; exit 0; fi

if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<MSG
The Temporal server is not installed and Go is not available to build it.
Install one of:
  - Go >= 1.25 (https://go.dev/dl/), then run this again: it builds temporal $version once (about 4 minutes);
  - the Temporal CLI (https://docs.temporal.io/cli), on PATH or named by TAKEDOWN_TEMPORAL_BIN.
MSG
  exit 1
fi
echo "Building the Temporal CLI $version into $cache (once per machine; about 4 minutes)..." >&2
mkdir -p "$cache"
CGO_ENABLED=0 GOBIN="$cache" go install "github.com/temporalio/cli/cmd/temporal@$version" >&2
echo "$cache/temporal"
