#!/usr/bin/env bash
# The hub's browser tests drive Debian's Chromium (playwright cannot download browsers here).
# Installs it when missing; does nothing when it is there, so `npm test` can always call it.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: /usr/bin/chromium is missing and apt-get is not available; install Chromium with your package manager." >&2
  exit 1
fi

# Root installs directly; anyone else needs sudo.
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-chromium: /usr/bin/chromium is missing; run 'apt-get install -y chromium' as root." >&2
    exit 1
  fi
fi

echo "install-chromium: installing Debian's chromium for the hub's browser tests..." >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
test -x /usr/bin/chromium
