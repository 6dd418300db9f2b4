#!/usr/bin/env bash
# The browser the end-to-end tests drive (test/support/browser.ts): Debian's
# `chromium` at /usr/bin/chromium. Quick and silent when it is there; otherwise
# installs it with apt (as root, or through passwordless sudo) and says so.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
[ -x "$CHROMIUM" ] && exit 0

fail() {
  echo "ensure-chromium: $*" >&2
  echo "ensure-chromium: install it by hand (Debian/Ubuntu: apt-get install chromium) so that $CHROMIUM exists, then run the tests again" >&2
  exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "$CHROMIUM is missing and this system has no apt-get"
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  fail "$CHROMIUM is missing, and installing it needs root (not root, and sudo is missing or asks for a password)"
fi

install() {
  echo "ensure-chromium: ${as_root[*]:+${as_root[*]} }apt-get install -y --no-install-recommends chromium" >&2
  # Through env: sudo drops the caller's environment.
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
}

echo "ensure-chromium: $CHROMIUM is missing: installing Debian's chromium package" >&2
# A fresh system (a CI container) has no package lists yet: update them and try once more.
if ! install; then
  echo "ensure-chromium: ${as_root[*]:+${as_root[*]} }apt-get update" >&2
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update || fail "apt-get update failed"
  install || fail "apt-get install chromium failed"
fi
[ -x "$CHROMIUM" ] || fail "the chromium package is installed but $CHROMIUM is not there"
echo "ensure-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)" >&2
