#!/usr/bin/env bash
# Run the whole lossviz test suite on a fresh machine: installs what it needs first.
#   bash scripts/test.sh            # everything: unit, property, page and browser tests
#   bash scripts/test.sh -m "not browser"   # extra pytest arguments are passed on
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

# Browser tests drive Debian's Chromium through Playwright (no browser download), and
# check the Chinese pages' layout in a Chinese font, as their readers see them.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -n "$(fc-list :lang=zh 2>/dev/null)" ] || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python3 -m ruff check .
python3 -m ruff format --check .
python3 -m pytest -n 2 --dist loadgroup "$@"
