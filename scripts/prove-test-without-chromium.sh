#!/usr/bin/env bash
# Proves that the README's test command (`npm test`, i.e. scripts/test.sh) installs chromium itself on a machine
# that has none, without taking chromium away from this machine: everything runs in a private mount namespace,
# in a copy-on-write view of / (overlayfs, its writes kept in a tmpfs), where Debian's chromium package is first
# removed with dpkg. The machine's own /usr/bin/chromium is never touched (other test runs use it meanwhile), and
# the view, with whatever the run installed into it, is gone when the command ends.
#
#   sudo bash scripts/prove-test-without-chromium.sh [jest args...]   (default: test/web/banner-browser.test.ts)
#
# Needs root (mount namespaces, overlayfs), apt-get, and Debian's package mirror. Prints what it saw at each step.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
[ "$(id -u)" -eq 0 ] || { echo "run as root: it mounts an overlay of / in a private mount namespace" >&2; exit 1; }
[ "$#" -gt 0 ] || set -- test/web/banner-browser.test.ts

exec unshare --mount --propagation private -- bash -s "$repo" "$@" <<'INSIDE'
set -euo pipefail
repo="$1"; shift
base="$(mktemp -d /tmp/takedown-fresh-XXXXXX)"
trap 'umount -R "$base" 2>/dev/null || true; rmdir "$base" 2>/dev/null || true' EXIT
mount -t tmpfs -o size=8g tmpfs "$base"
mkdir -p "$base/upper" "$base/work" "$base/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$base/upper,workdir=$base/work" "$base/root"
for fs in proc sys dev dev/pts dev/shm; do mount --rbind "/$fs" "$base/root/$fs"; done
cp /etc/resolv.conf "$base/root/etc/resolv.conf" 2>/dev/null || true

chroot "$base/root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=dumb bash -s "$repo" "$@" <<'CHROOT'
set -euo pipefail
repo="$1"; shift
echo "== inside the copy of /: removing Debian's chromium (dpkg), as on a machine that never had it"
DEBIAN_FRONTEND=noninteractive dpkg --remove chromium >/dev/null
if [ -e /usr/bin/chromium ] || command -v chromium >/dev/null; then echo "chromium still present after removal" >&2; exit 1; fi
echo "   /usr/bin/chromium: absent; dpkg says: $(dpkg-query -W -f='${db:Status-Status}' chromium 2>/dev/null || echo 'not installed')"
cd "$repo"
# Only chromium is under proof here: the npm packages count as installed (a worktree's hard-linked node_modules
# is older than its package-lock.json, which would have scripts/ensure-deps.sh run `npm ci`).
touch node_modules/.package-lock.json
echo "== the README's test command: bash scripts/test.sh $*"
bash scripts/test.sh "$@"
echo "== after it: $(/usr/bin/chromium --version) at /usr/bin/chromium (installed by scripts/ensure-browser.sh)"
CHROOT
INSIDE
