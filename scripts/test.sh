#!/usr/bin/env bash
# `npm test`: install what is missing, type-check, then run jest against a real Temporal dev server
# (jest's global setup starts one server for the run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npx tsc --noEmit -p .
npx jest "$@"
