#!/usr/bin/env bash
# `npm run cluster`: install what is missing, then run the whole system on Temporal's own server on PostgreSQL
# (scripts/cluster/main.ts) instead of the dev server. The first run builds the server (see README "Production").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
exec npx tsx scripts/cluster/main.ts
