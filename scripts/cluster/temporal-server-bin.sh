#!/usr/bin/env bash
# Prints the directory holding Temporal's own server (temporal-server), its SQL tool (temporal-sql-tool) and the
# server module's schema files, building them once per machine from go.temporal.io/server at the dev server's
# version. The module is copied somewhere writable and built inside it, so its own go.mod (and any `replace`) applies.
# Order: $TAKEDOWN_TEMPORAL_SERVER_DIR (already built), then the cache, then the build into the cache.
set -euo pipefail
version=v1.29.1
cache="${TAKEDOWN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/takedown}/temporal-server-$version"

if [ -n "${TAKEDOWN_TEMPORAL_SERVER_DIR:-}" ]; then
  for f in temporal-server temporal-sql-tool; do
    [ -x "$TAKEDOWN_TEMPORAL_SERVER_DIR/$f" ] || { echo "TAKEDOWN_TEMPORAL_SERVER_DIR=$TAKEDOWN_TEMPORAL_SERVER_DIR has no executable $f" >&2; exit 1; }
  done
  echo "$TAKEDOWN_TEMPORAL_SERVER_DIR"; exit 0
fi
if [ -x "$cache/temporal-server" ] && [ -x "$cache/temporal-sql-tool" ] && [ -d "$cache/schema/postgresql" ]; then echo "$cache"; exit 0; fi

if ! command -v go >/dev/null 2>&1; then
  echo "Temporal's server $version is not built and Go (>= 1.25) is not available to build it: install Go, or set TAKEDOWN_TEMPORAL_SERVER_DIR to a directory with temporal-server and temporal-sql-tool." >&2
  exit 1
fi
echo "Building Temporal's server $version into $cache (once per machine; several minutes)..." >&2
moddir="$(go mod download -json "go.temporal.io/server@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[ -d "$moddir" ] || { echo "go mod download go.temporal.io/server@$version gave no module directory" >&2; exit 1; }
build="$(mktemp -d)"
trap 'chmod -R u+w "$build"; rm -rf "$build"' EXIT
cp -r "$moddir/." "$build/src"
chmod -R u+w "$build/src"
mkdir -p "$cache"
(cd "$build/src" && CGO_ENABLED=0 go build -o "$cache/temporal-server.tmp" ./cmd/server && CGO_ENABLED=0 go build -o "$cache/temporal-sql-tool" ./cmd/tools/sql) >&2
rm -rf "$cache/schema" && cp -r "$build/src/schema" "$cache/schema"
mv "$cache/temporal-server.tmp" "$cache/temporal-server"
echo "$cache"
