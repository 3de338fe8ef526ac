#!/usr/bin/env bash
# `npm start`: install what is missing, then run the whole system on embedded defaults (scripts/stack.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
exec npx tsx scripts/stack.ts
