#!/usr/bin/env bash
# Reads a generated TEED district with independent readers: gtfs-kit (GTFS feed,
# fails on any validation error) and ifcopenshell (IFC4 building + UPRN).
# Usage: crates/twingraph-synth/tests/python/run.sh [pytest args...]
#   TWINGRAPH_VENV    virtualenv to create/reuse (default <repo>/.venv, git-ignored)
#   PYTHON            interpreter used to create the venv (default python3)
#   CARGO_TARGET_DIR  honoured by cargo when building the generator
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../../.." && pwd)"
VENV="${TWINGRAPH_VENV:-$REPO/.venv}"
PYTHON="${PYTHON:-python3}"
CARGO="${CARGO:-cargo}"

if [[ ! -x "$VENV/bin/python" ]]; then
    echo "== creating virtualenv $VENV" >&2
    "$PYTHON" -m venv "$VENV"
fi
# Reinstall only when requirements.txt changed since the last install into this venv.
stamp="$VENV/.twingraph-synth-requirements"
if ! cmp -s "$HERE/requirements.txt" "$stamp" 2>/dev/null; then
    echo "== installing $HERE/requirements.txt into $VENV" >&2
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$HERE/requirements.txt"
    cp "$HERE/requirements.txt" "$stamp"
fi

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
echo "== generating a TEED district into $TMP" >&2
if ! (cd "$REPO" && "$CARGO" run --release -q -p twingraph-synth --example synth -- "$TMP/teed" teed 1 >"$TMP/synth.log" 2>&1); then
    cat "$TMP/synth.log" >&2
    exit 1
fi

echo "== reading it with gtfs-kit and ifcopenshell" >&2
cd "$HERE"
TWINGRAPH_SYNTH_DIR="$TMP/teed" "$VENV/bin/python" -m pytest -c "$HERE/pytest.ini" -p no:cacheprovider "$HERE/check_readers.py" "$@"
