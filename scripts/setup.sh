#!/usr/bin/env bash
# Set up everything privacyscan needs, idempotently; safe to run again and again.
#
#   1. a virtual environment in .venv with the pinned dependencies (requirements.lock)
#   2. a Chromium: Playwright's own build where `playwright install chromium` works, otherwise
#      Debian's `chromium` package (/usr/bin/chromium)
#   3. the tracker lists EasyPrivacy and EasyList (Debian's webext-ublock-origin-chromium)
#   4. the npm packages the project uses, from the committed package-lock.json
#
# Re-running skips what is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }

# -- 1. Python ------------------------------------------------------------------------------
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    say "creating .venv with $($python --version)"
    "$python" -m venv .venv
fi
stamp=.venv/.installed-from
wanted=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    say "installing pinned Python dependencies"
    .venv/bin/pip install --quiet --disable-pip-version-check -r requirements.lock
    .venv/bin/pip install --quiet --disable-pip-version-check --no-deps --editable .
    echo "$wanted" > "$stamp"
fi

# -- 2. Chromium ----------------------------------------------------------------------------
have_playwright_chromium() {
    .venv/bin/python -c 'import sys; from scanner.options import playwright_chromium as f; sys.exit(0 if f() else 1)'
}
have_system_chromium() { command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; }

if have_playwright_chromium || have_system_chromium; then
    :
elif .venv/bin/playwright install chromium >/dev/null 2>&1; then
    say "installed Playwright's Chromium"
elif command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    say "Playwright's Chromium could not be downloaded; installing Debian's chromium package"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
else
    say "no Chromium available. Run '.venv/bin/playwright install chromium' (needs internet),"
    say "or install your distribution's chromium package, or pass --chromium PATH to privacyscan."
    exit 1
fi

# -- 3. tracker lists (EasyPrivacy, EasyList) --------------------------------------------------
lists=/usr/share/chromium/extensions/ublock-origin/assets/thirdparties/easylist
if [ -z "${PRIVACYSCAN_LISTS:-}" ] && [ ! -f "$lists/easyprivacy.txt" ]; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        say "installing EasyPrivacy and EasyList (Debian webext-ublock-origin-chromium)"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            webext-ublock-origin-chromium >/dev/null
    else
        say "tracker lists not installed: install Debian's webext-ublock-origin-chromium, or set"
        say "PRIVACYSCAN_LISTS to a folder holding easyprivacy.txt and easylist.txt"
    fi
fi

# -- 3b. PostgreSQL server binaries (the history store's team database; tests/test_history.py
#        starts a throw-away server on loopback with initdb/pg_ctl, nothing is left running) ---
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        say "installing PostgreSQL (Debian postgresql) for the history store tests"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            postgresql >/dev/null
    else
        say "PostgreSQL not installed: the PostgreSQL history tests will be skipped"
    fi
fi

# -- 3c. Redis server binary (the worker fleet's queue; tests/test_workers.py starts a
#        throw-away redis-server on loopback, nothing is left running) --------------------------
if ! command -v redis-server >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        say "installing Redis (Debian redis-server) for the worker fleet tests"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            redis-server >/dev/null
        # Debian starts a system service on install; the tests start their own server.
        command -v systemctl >/dev/null 2>&1 && systemctl disable --now redis-server >/dev/null 2>&1 || true
    else
        say "redis-server not installed: the worker fleet tests will be skipped"
    fi
fi

# -- 4. npm packages ------------------------------------------------------------------------
if [ -f package-lock.json ]; then
    npm_stamp=node_modules/.installed-from
    npm_wanted=$(sha256sum package-lock.json | cut -d' ' -f1)
    if [ "$(cat "$npm_stamp" 2>/dev/null)" != "$npm_wanted" ]; then
        command -v npm >/dev/null 2>&1 || { say "npm is needed (install Node.js 18+)"; exit 1; }
        say "installing npm packages from package-lock.json"
        npm ci --silent --no-audit --no-fund
        echo "$npm_wanted" > "$npm_stamp"
    fi
fi
say "ready"
