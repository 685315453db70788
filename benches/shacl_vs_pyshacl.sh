#!/usr/bin/env bash
# SHACL benchmark: `twingraph validate` versus pySHACL (PyPI pyshacl 0.40.x) and
# pyshacl-turbo (PyPI pyshacl-turbo 0.6.x), each through its own command line, on the same
# generated EPC dwellings (benches/gen_epc_rdf.py, N-Triples) and the same shapes
# (shapes/core.ttl, place.ttl, building.ttl, energy.ttl concatenated into one Turtle file,
# because pyshacl takes one shapes file; core.ttl is included because the UPRN format and
# the WKT check live there). Each tool parses the data, validates and writes its report
# as Turtle; wall time and peak RSS come from /usr/bin/time -v.
#
# Usage: benches/shacl_vs_pyshacl.sh [-n DWELLINGS] [-p PY_DWELLINGS] [-t TIMEOUT] [-w WORKDIR] [--skip-build]
# or the same through environment variables:
#   DWELLINGS=40000        dwellings in the main file (26 triples each: 40000 -> 1.04M triples)
#   PY_DWELLINGS=$DWELLINGS  dwellings for pySHACL; when smaller, pySHACL runs on that slice
#                          (the first PY_DWELLINGS dwellings, generated with the same seed) and
#                          twingraph is timed on the slice too, so the pyshacl ratio compares
#                          the same data
#   TIMEOUT=3600           seconds before a Python validator is stopped (reported as TIMEOUT)
#   SEED=1                 generator seed
#   WORKDIR=/tmp/twingraph-bench/shacl   data, reports and logs (outside the repository)
#   TWINGRAPH_VENV=$HOME/.cache/twingraph-venv   virtualenv for pyshacl and pyshacl-turbo
#   TWINGRAPH_BIN=...      use this binary instead of building one
#   SKIP_BUILD=1           do not run `cargo build --release`
# Prints seconds, peak RSS, the number of validation results of each tool (and the number
# the generator planted), whether the three reports hold the same (focus node, constraint
# component, severity) results, and the ratios pyshacl/twingraph and turbo/twingraph
# (ratio of wall times: > 1 means twingraph is faster).
set -euo pipefail

DWELLINGS="${DWELLINGS:-40000}"
PY_DWELLINGS="${PY_DWELLINGS:-}"
TIMEOUT="${TIMEOUT:-3600}"
SEED="${SEED:-1}"
WORKDIR="${WORKDIR:-/tmp/twingraph-bench/shacl}"
VENV="${TWINGRAPH_VENV:-$HOME/.cache/twingraph-venv}"
SKIP_BUILD="${SKIP_BUILD:-0}"
PYSHACL_SPEC="pyshacl>=0.40,<0.41"
TURBO_SPEC="pyshacl-turbo>=0.6,<0.7"

die() { echo "error: $*" >&2; exit 2; }
log() { echo "== $*" >&2; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        -n|--dwellings) DWELLINGS="$2"; shift 2 ;;
        -p|--py-dwellings) PY_DWELLINGS="$2"; shift 2 ;;
        -t|--timeout) TIMEOUT="$2"; shift 2 ;;
        -w|--workdir) WORKDIR="$2"; shift 2 ;;
        --skip-build) SKIP_BUILD=1; shift ;;
        -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done
PY_DWELLINGS="${PY_DWELLINGS:-$DWELLINGS}"
for v in DWELLINGS PY_DWELLINGS TIMEOUT SEED; do
    [[ "${!v}" =~ ^[0-9]+$ && "${!v}" -gt 0 ]] || die "$v must be a positive integer, got '${!v}'"
done
(( PY_DWELLINGS <= DWELLINGS )) || die "PY_DWELLINGS ($PY_DWELLINGS) must not exceed DWELLINGS ($DWELLINGS)"

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
mkdir -p "$WORKDIR"
WORKDIR="$(cd "$WORKDIR" && pwd)"
case "$WORKDIR/" in "$REPO"/*) die "WORKDIR ($WORKDIR) must be outside the repository" ;; esac

# --- tools -------------------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
    log "installing GNU time (apt-get install time)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time; } >&2 \
        || die "GNU time is needed at /usr/bin/time; install the 'time' package"
fi
command -v python3 >/dev/null || die "python3 is needed"
if [[ -n "${TWINGRAPH_BIN:-}" ]]; then
    [[ -x "$TWINGRAPH_BIN" ]] || die "TWINGRAPH_BIN=$TWINGRAPH_BIN is not an executable"
    BIN="$TWINGRAPH_BIN"
else
    export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/root/.cache/twingraph-target}"
    if [[ "$SKIP_BUILD" != 1 ]]; then
        log "cargo build --release"
        (cd "$REPO" && cargo build --release --quiet) >&2
    fi
    BIN="$CARGO_TARGET_DIR/release/twingraph"
    [[ -x "$BIN" ]] || die "no binary at $BIN"
fi
if [[ ! -x "$VENV/bin/python" ]]; then
    log "creating virtualenv $VENV"
    python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import pyshacl, pyshacl_turbo' 2>/dev/null; then
    log "installing $PYSHACL_SPEC and $TURBO_SPEC into $VENV"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check "$PYSHACL_SPEC" "$TURBO_SPEC" >&2
fi
PYSHACL_VERSION="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("pyshacl"))')"
TURBO_VERSION="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("pyshacl-turbo"))')"
RDFLIB_VERSION="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("rdflib"))')"

# --- data and shapes ---------------------------------------------------------------------
SHAPES="$WORKDIR/shapes-bench.ttl"
cat "$REPO/shapes/core.ttl" "$REPO/shapes/place.ttl" "$REPO/shapes/building.ttl" \
    "$REPO/shapes/energy.ttl" > "$SHAPES"
gen() { # dwellings -> file
    local n="$1" f="$WORKDIR/epc-$1-s$SEED.nt"
    if [[ ! -s "$f" || ! -s "$f.json" ]]; then
        log "generating $n dwellings into $f"
        python3 "$BENCH_DIR/gen_epc_rdf.py" --dwellings "$n" --seed "$SEED" --out "$f.tmp" \
            --expected "$f.json" && mv "$f.tmp" "$f"
    fi
    echo "$f"
}
DATA="$(gen "$DWELLINGS")"
PYDATA="$DATA"
[[ "$PY_DWELLINGS" != "$DWELLINGS" ]] && PYDATA="$(gen "$PY_DWELLINGS")"
triples() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["triples"])' "$1.json"; }
planted() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["expected_violations"])' "$1.json"; }

# --- runs --------------------------------------------------------------------------------
# run NAME TIMEOUT CMD... : times CMD with /usr/bin/time -v; sets SECS_<NAME> (wall),
# CPU_<NAME> (user + system seconds, less sensitive to other load on the machine), RSS_<NAME> (MB)
run() {
    local name="$1" limit="$2"; shift 2
    local tlog="$WORKDIR/$name.time" out="$WORKDIR/$name.log"
    log "$name: $*"
    local rc=0
    timeout --signal=KILL "$limit" /usr/bin/time -v -o "$tlog" "$@" >"$out" 2>&1 || rc=$?
    if [[ $rc -eq 137 || $rc -eq 124 ]]; then
        printf -v "SECS_$name" 'TIMEOUT'; printf -v "CPU_$name" 'TIMEOUT'; printf -v "RSS_$name" '-'
        log "$name: stopped after $limit s"
        return
    fi
    # exit 1 means "does not conform", which is expected here
    if [[ $rc -gt 1 ]]; then tail -20 "$out" >&2; die "$name failed (exit $rc), see $out"; fi
    local wall rss
    wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tlog")"
    rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tlog")"
    printf -v "SECS_$name" '%s' "$(python3 -c 'import sys
p=[float(x) for x in sys.argv[1].split(":")]
s=0
for x in p: s=s*60+x
print(f"{s:.2f}")' "$wall")"
    printf -v "RSS_$name" '%s' "$((rss / 1024))"
    printf -v "CPU_$name" '%s' "$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$tlog")"
}
ours() { # NAME DATA REPORT
    run "$1" "$TIMEOUT" "$BIN" validate --shapes "$SHAPES" "$2" --report "$3"
}
py() { # NAME TOOL DATA REPORT
    run "$1" "$TIMEOUT" "$VENV/bin/$2" -s "$SHAPES" -sf turtle -df nt -i none -f turtle -o "$4" "$3"
}

ours ours "$DATA" "$WORKDIR/report-twingraph.ttl"
py turbo pyshacl-turbo "$DATA" "$WORKDIR/report-turbo.ttl"
if [[ "$PYDATA" != "$DATA" ]]; then
    ours ours_slice "$PYDATA" "$WORKDIR/report-twingraph-slice.ttl"
    py turbo_slice pyshacl-turbo "$PYDATA" "$WORKDIR/report-turbo-slice.ttl"
fi
py pyshacl pyshacl "$PYDATA" "$WORKDIR/report-pyshacl.ttl"

# --- agreement ---------------------------------------------------------------------------
# compare REPORT... : prints "count keys" per report and whether the result sets are equal
compare() {
    "$VENV/bin/python" - "$@" <<'PY'
import os, sys
from rdflib import Graph, Namespace, RDF
SH = Namespace("http://www.w3.org/ns/shacl#")
sets = []
for f in sys.argv[1:]:
    if not os.path.exists(f) or os.path.getsize(f) == 0:
        print(f"{os.path.basename(f)}: missing"); sets.append(None); continue
    g = Graph(); g.parse(f, format="turtle")
    res = list(g.subjects(RDF.type, SH.ValidationResult))
    keys = {(str(g.value(r, SH.focusNode)), str(g.value(r, SH.sourceConstraintComponent)),
             str(g.value(r, SH.resultSeverity))) for r in res}
    print(f"{os.path.basename(f)}: {len(res)} results, {len(keys)} distinct (focus, component, severity)")
    sets.append(keys)
have = [s for s in sets if s is not None]
if len(have) > 1:
    same = all(s == have[0] for s in have)
    print("same results: " + ("yes" if same else "NO"))
    if not same:
        base = have[0]
        for f, s in zip(sys.argv[1:], sets):
            if s is not None and s != base:
                print(f"  {os.path.basename(f)}: {len(s - base)} extra, {len(base - s)} missing, e.g. {sorted(s ^ base)[:3]}")
PY
}

ratio() { python3 -c 'import sys
a,b=sys.argv[1],sys.argv[2]
print("n/a" if "TIMEOUT" in (a,b) else f"{float(a)/float(b):.1f}")' "$1" "$2"; }

N_TRIPLES="$(triples "$DATA")"
echo
echo "SHACL benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
echo "shapes: shapes/{core,place,building,energy}.ttl ($(grep -c 'sh:NodeShape\|sh:PropertyShape' "$SHAPES") declared shapes); pyshacl $PYSHACL_VERSION, pyshacl-turbo $TURBO_VERSION, rdflib $RDFLIB_VERSION; inference none"
echo "data: $DATA: $DWELLINGS dwellings, $N_TRIPLES triples, $(planted "$DATA") planted defects"
printf '%-34s %10s %10s %10s\n' "tool (dwellings)" "wall s" "CPU s" "peak MB"
printf '%-34s %10s %10s %10s\n' "twingraph validate ($DWELLINGS)" "$SECS_ours" "$CPU_ours" "$RSS_ours"
printf '%-34s %10s %10s %10s\n' "pyshacl-turbo $TURBO_VERSION ($DWELLINGS)" "$SECS_turbo" "$CPU_turbo" "$RSS_turbo"
if [[ "$PYDATA" != "$DATA" ]]; then
    echo "pySHACL runs on a SLICE: $PYDATA: $PY_DWELLINGS dwellings, $(triples "$PYDATA") triples, $(planted "$PYDATA") planted defects"
    printf '%-34s %10s %10s %10s\n' "twingraph validate ($PY_DWELLINGS)" "$SECS_ours_slice" "$CPU_ours_slice" "$RSS_ours_slice"
    printf '%-34s %10s %10s %10s\n' "pyshacl-turbo $TURBO_VERSION ($PY_DWELLINGS)" "$SECS_turbo_slice" "$CPU_turbo_slice" "$RSS_turbo_slice"
    printf '%-34s %10s %10s %10s\n' "pyshacl $PYSHACL_VERSION ($PY_DWELLINGS)" "$SECS_pyshacl" "$CPU_pyshacl" "$RSS_pyshacl"
    echo "agreement on the full file:"
    compare "$WORKDIR/report-twingraph.ttl" "$WORKDIR/report-turbo.ttl"
    echo "agreement on the slice:"
    compare "$WORKDIR/report-twingraph-slice.ttl" "$WORKDIR/report-turbo-slice.ttl" "$WORKDIR/report-pyshacl.ttl"
    echo "ratio pyshacl/twingraph (slice, $PY_DWELLINGS dwellings) = $(ratio "$SECS_pyshacl" "$SECS_ours_slice") wall, $(ratio "$CPU_pyshacl" "$CPU_ours_slice") CPU"
    echo "ratio turbo/twingraph (slice) = $(ratio "$SECS_turbo_slice" "$SECS_ours_slice") wall, $(ratio "$CPU_turbo_slice" "$CPU_ours_slice") CPU"
else
    printf '%-34s %10s %10s %10s\n' "pyshacl $PYSHACL_VERSION ($DWELLINGS)" "$SECS_pyshacl" "$CPU_pyshacl" "$RSS_pyshacl"
    echo "agreement:"
    compare "$WORKDIR/report-twingraph.ttl" "$WORKDIR/report-turbo.ttl" "$WORKDIR/report-pyshacl.ttl"
    echo "ratio pyshacl/twingraph = $(ratio "$SECS_pyshacl" "$SECS_ours") wall, $(ratio "$CPU_pyshacl" "$CPU_ours") CPU"
fi
echo "ratio turbo/twingraph ($DWELLINGS dwellings) = $(ratio "$SECS_turbo" "$SECS_ours") wall, $(ratio "$CPU_turbo" "$CPU_ours") CPU"
echo "(ratios are other/twingraph: > 1 means twingraph is faster; load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
