#!/bin/sh
# Our namespace and search attributes on the running server, with Temporal's own CLI (the admin-tools image).
# SEARCH_ATTRIBUTES is "Name=Type ..." as domain/search-attributes.ts lists them (docker-compose.yml carries
# the list; test/deploy/compose.test.ts holds it to that file). Safe to run again: what exists is left alone.
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

# On SQL visibility, custom search attributes belong to a namespace.
existing=$(t operator search-attribute list --namespace "$NAMESPACE" --output json)
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
