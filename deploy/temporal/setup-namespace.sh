#!/bin/sh
# Our namespace and search attributes on the running server, with Temporal's own CLI (the admin-tools image).
# SEARCH_ATTRIBUTES is "Name=Type ..." as domain/search-attributes.ts lists them (docker-compose.yml carries
# the list; test/deploy/compose.test.ts holds it to that file). Safe to run again: what exists is left alone.
# Outside the image, any `temporal` CLI on PATH does (test/deploy/temporal-setup.test.ts runs it on the dev server).
set -eu
: "${TEMPORAL_ADDRESS:?}" "${NAMESPACE:?}" "${RETENTION:?}" "${SEARCH_ATTRIBUTES:?}"
t() { temporal --address "$TEMPORAL_ADDRESS" "$@"; }

tries=0
until t operator cluster health 2>/dev/null | grep -q SERVING; do
  tries=$((tries + 1))
  [ "$tries" -lt 60 ] || { echo "Temporal at $TEMPORAL_ADDRESS did not serve within 120 s" >&2; exit 1; }
  sleep 2
done

if t operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1; then
  echo "namespace $NAMESPACE exists"
else
  t operator namespace create --namespace "$NAMESPACE" --retention "$RETENTION"
  echo "created namespace $NAMESPACE (retention $RETENTION)"
fi

# On SQL visibility, custom search attributes belong to a namespace. A namespace just created is unknown to the
# frontend until its namespace cache refreshes (seconds): wait for it rather than fail.
tries=0
until existing=$(t operator search-attribute list --namespace "$NAMESPACE" --output json 2>/dev/null); do
  tries=$((tries + 1))
  [ "$tries" -lt 60 ] || { echo "namespace $NAMESPACE did not become usable within 60 s" >&2; exit 1; }
  sleep 1
done
for pair in $SEARCH_ATTRIBUTES; do
  name=${pair%%=*}
  type=${pair#*=}
  if printf '%s' "$existing" | grep -q "\"$name\""; then
    echo "search attribute $name exists"
  else
    t operator search-attribute create --namespace "$NAMESPACE" --name "$name" --type "$type"
    echo "created search attribute $name ($type)"
  fi
done
