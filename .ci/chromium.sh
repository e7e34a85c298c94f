#!/usr/bin/env bash
# Debian's Chromium and chromedriver for the end-to-end tests of the pages (tests/test_web_e2e.py),
# installed when missing. Playwright drives this browser; it never downloads one of its own.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium (Debian)" >&2
  export DEBIAN_FRONTEND=noninteractive
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >&2 && $SUDO apt-get install -y -qq chromium chromium-driver >&2
fi
/usr/bin/chromium --version >&2
