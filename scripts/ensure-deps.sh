#!/usr/bin/env bash
# Installs the npm packages when they are missing or older than package-lock.json, and finds (or builds once)
# the Temporal server. Both README commands call this first, so a fresh clone needs nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages (npm ci)..." >&2
  npm ci --no-audit --no-fund >&2
fi
bash scripts/temporal-bin.sh >/dev/null
