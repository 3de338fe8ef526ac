#!/usr/bin/env bash
# `npm run fuzz`: the property-based fuzz tests (test/fuzz) with 10,000 generated inputs per property
# (TAKEDOWN_FUZZ_RUNS; `npm test` runs them with 1,000). TAKEDOWN_FUZZ_SEED replays a reported failure.
# Jest's global setup starts a Temporal dev server for the API bodies' fuzzing, as in `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
export TAKEDOWN_FUZZ_RUNS="${TAKEDOWN_FUZZ_RUNS:-10000}"
npx jest test/fuzz "$@"
