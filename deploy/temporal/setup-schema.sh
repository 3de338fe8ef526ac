#!/bin/sh
# Temporal's schemas in PostgreSQL, with Temporal's own tool at the server's version (the admin-tools image),
# before the server starts. Safe on every `docker compose up`: an existing database is kept, setup-schema
# leaves a newer schema version alone, and update-schema applies only the versions not yet applied.
# The password comes from SQL_PASSWORD in the environment, not a flag (flags show in `ps`). Outside the image
# (a cluster on this machine), POSTGRES_HOST, POSTGRES_PORT and SCHEMA_DIR say where, temporal-sql-tool on PATH.
set -eu
: "${SQL_PASSWORD:?set TEMPORAL_DB_PASSWORD in .env.production}"
sql() { temporal-sql-tool --plugin postgres12 --ep "${POSTGRES_HOST:-postgres}" -p "${POSTGRES_PORT:-5432}" -u "${POSTGRES_USER:-temporal}" "$@"; }
# Where the admin-tools image keeps the schema files of its version.
schemas=${SCHEMA_DIR:-/etc/temporal/schema/postgresql/v12}

for db in temporal:temporal temporal_visibility:visibility; do
  name=${db%%:*}
  dir=${db#*:}
  # The database named after the user exists already (the postgres image makes it); the other is made once.
  sql --db "$name" create 2>/dev/null && echo "created database $name" || echo "database $name exists"
  sql --db "$name" setup-schema -v 0.0
  sql --db "$name" update-schema -d "$schemas/$dir/versioned"
done
echo 'Temporal schemas are up to date'
