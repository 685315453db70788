#!/usr/bin/env bash
# Compares the counts of twingraph-ifc with IfcOpenShell's for every IFC file given, or by
# default for the samples in ../shared/data/ifc/samples (when present) and the district
# files in examples/teed/district/ifc. Exits non-zero on any difference.
# Usage: crates/twingraph-ifc/tests/python/run.sh [file.ifc...]
#   TWINGRAPH_VENV    virtualenv with ifcopenshell (default ~/.cache/twingraph-venv;
#                     created from requirements.txt when missing)
#   PYTHON            interpreter used to create the venv (default python3)
#   CARGO_TARGET_DIR  honoured by cargo when building the importer
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../../.." && pwd)"
VENV="${TWINGRAPH_VENV:-$HOME/.cache/twingraph-venv}"
PYTHON="${PYTHON:-python3}"
CARGO="${CARGO:-cargo}"

if [[ ! -x "$VENV/bin/python" ]]; then
    echo "== creating virtualenv $VENV" >&2
    "$PYTHON" -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import ifcopenshell' 2>/dev/null; then
    echo "== installing $HERE/requirements.txt into $VENV" >&2
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$HERE/requirements.txt"
fi

files=("$@")
if [[ ${#files[@]} -eq 0 ]]; then
    samples="${TWINGRAPH_IFC_SAMPLES:-$REPO/../shared/data/ifc/samples}"
    [[ -d "$samples" ]] || samples=/work/shared/data/ifc/samples
    if [[ -d "$samples" ]]; then
        files+=("$samples"/*.ifc)
    else
        echo "SKIPPED: no IFC samples at $samples" >&2
    fi
    files+=("$REPO"/examples/teed/district/ifc/*.ifc)
fi

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
echo "== importing ${#files[@]} file(s) with twingraph-ifc" >&2
(cd "$REPO" && "$CARGO" run --release -q -p twingraph-ifc --example ifc_import -- --json "${files[@]}") >"$TMP/rust.json"
echo "== counting with IfcOpenShell and comparing" >&2
"$VENV/bin/python" "$HERE/count.py" --compare "$TMP/rust.json" "${files[@]}"
