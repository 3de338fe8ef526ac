#!/usr/bin/env bash
# `npm run test:cluster`: the make-sure suite (test/cluster) against Temporal's own server on PostgreSQL, which
# jest's global setup starts in a temporary directory (building the server once per machine, see README).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npx jest -c jest.cluster.config.js "$@"
