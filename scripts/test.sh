#!/usr/bin/env bash
# `npm test`: install what is missing (npm packages, the Temporal server, chromium for the browser tests),
# type-check, then run jest against a real Temporal dev server (jest's global setup starts one for the run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
TAKEDOWN_CHROMIUM="$(bash scripts/ensure-browser.sh)"
export TAKEDOWN_CHROMIUM
npx tsc --noEmit -p .
npx jest "$@"
