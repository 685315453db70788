#!/usr/bin/env bash
# IFC benchmark: parse + map throughput of twingraph-ifc (the release example binary
# `ifc_import --bench`: STEP parse alone, and parse + mapping to BOT/TwinGraph triples)
# versus IfcOpenShell (PyPI ifcopenshell 0.8.x): `ifcopenshell.open()` alone, and open +
# iterating every entity and reading all its attributes. Same machine, same run, the
# largest IFC file of the samples (or the file given); each figure is the best of REPEAT
# runs. Prints MB/s and entities/s for each and the ratios (> 1 means twingraph is faster).
#
# Usage: benches/ifc_vs_ifcopenshell.sh [file.ifc]
#   REPEAT=5               runs per measurement (best kept)
#   IFCOWL=0               1: time the importer with the ifcOWL output as well
#   TWINGRAPH_IFC_SAMPLES  sample folder (default ../shared/data/ifc/samples)
#   TWINGRAPH_VENV=$HOME/.cache/twingraph-venv   virtualenv with ifcopenshell
#   SKIP_BUILD=1           do not run cargo build (use the existing example binary)
#   CARGO_TARGET_DIR       honoured (the binary is $CARGO_TARGET_DIR/release/examples/ifc_import)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
REPEAT="${REPEAT:-5}"
IFCOWL="${IFCOWL:-0}"
VENV="${TWINGRAPH_VENV:-$HOME/.cache/twingraph-venv}"
TARGET="${CARGO_TARGET_DIR:-$REPO/target}"
BIN="$TARGET/release/examples/ifc_import"

die() { echo "error: $*" >&2; exit 2; }
log() { echo "== $*" >&2; }

file="${1:-}"
if [[ -z "$file" ]]; then
    samples="${TWINGRAPH_IFC_SAMPLES:-$REPO/../shared/data/ifc/samples}"
    [[ -d "$samples" ]] || samples=/work/shared/data/ifc/samples
    [[ -d "$samples" ]] || die "no IFC samples at $samples (give a file)"
    file="$(ls -S "$samples"/*.ifc | head -n 1)"
fi
[[ -f "$file" ]] || die "no such file: $file"

if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c 'import ifcopenshell' 2>/dev/null; then
    log "installing ifcopenshell into $VENV"
    [[ -x "$VENV/bin/python" ]] || python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
        -r "$REPO/crates/twingraph-ifc/tests/python/requirements.txt"
fi
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    log "building the importer (release)"
    (cd "$REPO" && cargo build --release -q -p twingraph-ifc --example ifc_import)
fi
[[ -x "$BIN" ]] || die "no importer binary at $BIN"

log "file: $file ($(stat -c %s "$file") bytes), best of $REPEAT runs"
extra=()
[[ "$IFCOWL" == 1 ]] && extra+=(--ifcowl)
ours="$("$BIN" --bench --repeat "$REPEAT" "${extra[@]}" "$file")"
echo "twingraph-ifc: $ours"
theirs="$("$VENV/bin/python" "$HERE/ifc_open_bench.py" "$file" "$REPEAT")"
echo "ifcopenshell:  $theirs"

"$VENV/bin/python" - "$ours" "$theirs" <<'PY'
import json, re, sys
ours, theirs = sys.argv[1], json.loads(sys.argv[2])
m = re.search(r"([\d.]+) MB, ([\d.]+) entities; parse ([\d.]+) s .*parse\+map ([\d.]+) s", ours)
mb, n, parse, total = float(m[1]), float(m[2]), float(m[3]), float(m[4])
mb_py = theirs["bytes"] / 1e6
n_py = theirs["entities"]
rows = [
    ("twingraph-ifc parse", mb, n, parse),
    ("twingraph-ifc parse+map", mb, n, total),
    (f"ifcopenshell {theirs['ifcopenshell']} open()", mb_py, n_py, theirs["open_s"]),
    ("ifcopenshell open()+iterate", mb_py, n_py, theirs["open_iterate_s"]),
]
print(f"{'':32} {'seconds':>9} {'MB/s':>9} {'entities/s':>12}")
for name, size, count, s in rows:
    print(f"{name:32} {s:9.4f} {size / s:9.1f} {count / s:12.0f}")
print(f"ratio parse+map vs open():          {theirs['open_s'] / total:.2f}x")
print(f"ratio parse+map vs open()+iterate:  {theirs['open_iterate_s'] / total:.2f}x")
print(f"ratio parse vs open():              {theirs['open_s'] / parse:.2f}x")
if int(n) != n_py:
    print(f"note: entity counts differ: twingraph {int(n)}, ifcopenshell {n_py}")
PY
