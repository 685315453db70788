#!/usr/bin/env bash
# Compares the counts of twingraph-ifc with IfcOpenShell's for every IFC file given, or by
# default for the samples in ../shared/data/ifc/samples (when present) and the district
# files in examples/teed/district/ifc. Exits non-zero on any difference.
# Then writes the ifcOWL output of each IFC2X3/IFC4 file and checks it against the ifcOWL
# ontology of ../shared/data/ifc/ifcowl with rdflib (check_ifcowl.py: every ifc: term
# exists, every property's subject and object fit its domain and range); IFCOWL_CHECK=0
# skips that step.
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

if [[ "${IFCOWL_CHECK:-1}" == 1 ]]; then
    ontologies="${TWINGRAPH_IFCOWL_DIR:-$REPO/../shared/data/ifc/ifcowl}"
    [[ -d "$ontologies" ]] || ontologies=/work/shared/data/ifc/ifcowl
    if [[ ! -d "$ontologies" ]]; then
        echo "SKIPPED: ifcOWL check, no ontologies at $ontologies" >&2
        exit 0
    fi
    "$VENV/bin/python" -c 'import rdflib' 2>/dev/null ||
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check 'rdflib>=7,<8'
    echo "== checking the ifcOWL output against $ontologies" >&2
    bin="$(cd "$REPO" && "$CARGO" build --release -q -p twingraph-ifc --example ifc_import --message-format=json |
        sed -n 's/.*"executable":"\([^"]*ifc_import\)".*/\1/p' | tail -n 1)"
    failed=0
    for f in "${files[@]}"; do
        schema="$(grep -m1 -o "FILE_SCHEMA *( *( *'[A-Za-z0-9_]*'" "$f" | sed "s/.*'\(.*\)'/\1/" | tr a-z A-Z)"
        case "$schema" in
            IFC2X3*) ttl="$ontologies/IFC2X3_TC1.ttl" ;;
            IFC4) ttl="$ontologies/IFC4_ADD2.ttl" ;;
            *) echo "$(basename "$f"): no ifcOWL ontology here for $schema, not checked"; continue ;;
        esac
        "$bin" --ifcowl --nt "$TMP/owl.nt" "$f" >/dev/null
        "$VENV/bin/python" "$HERE/check_ifcowl.py" "$TMP/owl.nt" "$ttl" | sed "s#$TMP/owl.nt#$(basename "$f")#" | tee "$TMP/check.txt" || true
        grep -q ' 0 uses of 0 terms not in the ontology, 0 domain mismatches, 0 range mismatches' "$TMP/check.txt" || failed=1
    done
    exit "$failed"
fi
