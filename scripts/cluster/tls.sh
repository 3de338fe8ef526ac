#!/usr/bin/env bash
# Generates, once, what TLS on the cluster's frontend needs into DIR: a CA (ca.pem), the frontend's certificate
# (frontend.pem/-key.pem, for the server name below, localhost and 127.0.0.1) and a client certificate for mTLS
# (client.pem/-key.pem), both signed by the CA. Existing files are kept, so processes keep trusting them.
set -euo pipefail
dir="$1"
server_name="${2:-temporal.cluster.local}"
mkdir -p "$dir"
cd "$dir"
[ -f ca.pem ] && [ -f frontend.pem ] && [ -f client.pem ] && exit 0
umask 077
openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=Takedown cluster CA" -keyout ca-key.pem -out ca.pem \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
sign() { # name, subject, extensions
  openssl req -newkey rsa:2048 -nodes -subj "$2" -keyout "$1-key.pem" -out "$1.csr" 2>/dev/null
  printf '%s\n' "$3" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 825 -out "$1.pem" -extfile "$1.ext" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}
sign frontend "/CN=$server_name" "subjectAltName=DNS:$server_name,DNS:localhost,IP:127.0.0.1
extendedKeyUsage=serverAuth,clientAuth"
sign client "/CN=takedown" "extendedKeyUsage=clientAuth"
chmod 644 ca.pem frontend.pem client.pem
