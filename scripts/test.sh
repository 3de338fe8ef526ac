#!/usr/bin/env bash
# `npm test`: install what is missing (npm packages, the Temporal server, chromium for the browser tests),
# type-check, lint (eslint.config.mjs; about 30 s on two cores), then run jest against a real Temporal dev
# server (jest's global setup starts one for the run; test/unit/import-circles.test.ts checks the imports).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
TAKEDOWN_CHROMIUM="$(bash scripts/ensure-browser.sh)"
export TAKEDOWN_CHROMIUM
npx tsc --noEmit -p .
npm run --silent lint
npx jest "$@"
