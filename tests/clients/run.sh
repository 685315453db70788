#!/usr/bin/env bash
# Runs the third-party SPARQL client tests (SPARQLWrapper, rdflib, requests) against a real
# `twingraph serve`. Usage: tests/clients/run.sh [pytest args...]
#   TWINGRAPH_BIN   binary to test (default /root/.cache/twingraph-target/release/twingraph)
#   TWINGRAPH_VENV  virtualenv to create/reuse (default <repo>/.venv, git-ignored)
#   PYTHON          interpreter used to create the venv (default python3)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
VENV="${TWINGRAPH_VENV:-$REPO/.venv}"
PYTHON="${PYTHON:-python3}"
export TWINGRAPH_BIN="${TWINGRAPH_BIN:-/root/.cache/twingraph-target/release/twingraph}"

if [[ ! -x "$TWINGRAPH_BIN" ]]; then
    echo "error: no twingraph binary at $TWINGRAPH_BIN (build with cargo build --release, or set TWINGRAPH_BIN)" >&2
    exit 2
fi
if [[ ! -x "$VENV/bin/python" ]]; then
    echo "== creating virtualenv $VENV" >&2
    "$PYTHON" -m venv "$VENV"
fi
# Reinstall only when requirements.txt changed since the last install into this venv.
stamp="$VENV/.twingraph-clients-requirements"
if ! cmp -s "$HERE/requirements.txt" "$stamp" 2>/dev/null; then
    echo "== installing $HERE/requirements.txt into $VENV" >&2
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$HERE/requirements.txt"
    cp "$HERE/requirements.txt" "$stamp"
fi

echo "== testing $TWINGRAPH_BIN with third-party clients" >&2
cd "$HERE"
exec "$VENV/bin/python" -m pytest -c "$HERE/pytest.ini" -p no:cacheprovider "$HERE" "$@"
