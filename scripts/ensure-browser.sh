#!/usr/bin/env bash
# Finds the chromium the browser tests drive (test/web/browser.ts) and prints its path; installs Debian's
# `chromium` package when there is none (as root, or through passwordless sudo), so `npm test` needs no
# set-up step on a fresh machine. playwright-core never downloads a browser; TAKEDOWN_CHROMIUM picks another one.
set -euo pipefail
if [ -n "${TAKEDOWN_CHROMIUM:-}" ]; then
  if [ -x "$TAKEDOWN_CHROMIUM" ]; then echo "$TAKEDOWN_CHROMIUM"; exit 0; fi
  echo "TAKEDOWN_CHROMIUM=$TAKEDOWN_CHROMIUM is not an executable file; point it at a chromium binary or unset it" >&2
  exit 1
fi
found() { for candidate in /usr/bin/chromium "$(command -v chromium 2>/dev/null || true)" "$(command -v chromium-browser 2>/dev/null || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
done; return 1; }
if found; then exit 0; fi

echo "No chromium found: installing Debian's chromium package for the browser tests (apt-get)..." >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "cannot install chromium here (no apt-get): install chromium yourself and set TAKEDOWN_CHROMIUM to its path" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then SUDO=(); elif sudo -n true 2>/dev/null; then SUDO=(sudo -n); else
  echo "cannot install chromium: not root and no passwordless sudo; run \`sudo apt-get install chromium\` once, or set TAKEDOWN_CHROMIUM" >&2
  exit 1
fi
"${SUDO[@]}" apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq chromium >&2
found || { echo "chromium was installed but not found at /usr/bin/chromium; set TAKEDOWN_CHROMIUM" >&2; exit 1; }
