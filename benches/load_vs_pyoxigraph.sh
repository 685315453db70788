#!/usr/bin/env bash
# Load benchmark: `twingraph load` versus oxigraph's own bulk loader (pyoxigraph from PyPI)
# on the same generated city-twin N-Triples file, each into a fresh on-disk store.
#
# Usage: benches/load_vs_pyoxigraph.sh [-n TRIPLES] [-w WORKDIR] [-r RUNS] [--skip-build] [--keep]
# or the same through environment variables:
#   N=10000000            triples in the generated file
#   WORKDIR=/tmp/twingraph-bench   data, stores, venv and logs (keep it outside the repo)
#   RUNS=1                runs of each tool (order alternates: odd runs twingraph first)
#   PYOXIGRAPH_VERSION=0.5.13   the PyPI release matching our oxigraph crate
#   TWINGRAPH_BIN=...     use this binary instead of building one
#   SKIP_BUILD=1          do not run `cargo build --release`
#   KEEP_STORES=1         keep the store directories of the last run
# Prints per-run times, triples/s and peak RSS, then
#   speed ratio (twingraph/pyoxigraph) = X.XX
# (speed = 1/wall time, medians over the runs) and checks that both stores hold N triples.
set -euo pipefail

N="${N:-10000000}"
WORKDIR="${WORKDIR:-/tmp/twingraph-bench}"
RUNS="${RUNS:-1}"
PYOXIGRAPH_VERSION="${PYOXIGRAPH_VERSION:-0.5.13}"
SKIP_BUILD="${SKIP_BUILD:-0}"
KEEP_STORES="${KEEP_STORES:-0}"
GRAPH="urn:twingraph:bench:city"
META_GRAPH="urn:twingraph:graph:meta"

die() { echo "error: $*" >&2; exit 1; }
log() { echo "== $*" >&2; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        -n|--triples) N="$2"; shift 2 ;;
        -w|--workdir) WORKDIR="$2"; shift 2 ;;
        -r|--runs) RUNS="$2"; shift 2 ;;
        --skip-build) SKIP_BUILD=1; shift ;;
        --keep) KEEP_STORES=1; shift ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done
[[ "$N" =~ ^[0-9]+$ && "$N" -gt 0 ]] || die "N must be a positive integer, got '$N'"
[[ "$RUNS" =~ ^[0-9]+$ && "$RUNS" -gt 0 ]] || die "RUNS must be a positive integer, got '$RUNS'"

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
else
    TWINGRAPH_BIN="${CARGO_TARGET_DIR:-$REPO/target}/release/twingraph"
    if [[ "$SKIP_BUILD" != 1 ]]; then
        log "building twingraph (cargo build --release, target dir ${CARGO_TARGET_DIR:-$REPO/target})"
        (cd "$REPO" && cargo build --release --bin twingraph) || die "cargo build --release failed"
    fi
    [[ -x "$TWINGRAPH_BIN" ]] || die "no binary at $TWINGRAPH_BIN (build it, or set TWINGRAPH_BIN)"
fi

VENV="$WORKDIR/venv"
if ! "$VENV/bin/python" -c "import pyoxigraph, sys; sys.exit(pyoxigraph.__version__ != '$PYOXIGRAPH_VERSION')" 2>/dev/null; then
    log "installing pyoxigraph==$PYOXIGRAPH_VERSION into $VENV"
    python3 -m venv "$VENV" || die "could not create a venv at $VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check "pyoxigraph==$PYOXIGRAPH_VERSION" \
        || die "pip install pyoxigraph==$PYOXIGRAPH_VERSION failed"
fi
PY="$VENV/bin/python"

# --- data --------------------------------------------------------------------------------
DATA="$WORKDIR/city-$N.nt"
if [[ ! -s "$DATA" ]]; then
    log "generating $N triples into $DATA"
    python3 "$BENCH_DIR/gen_city_nt.py" --triples "$N" "$DATA.tmp"
    mv "$DATA.tmp" "$DATA"
fi
lines=$(wc -l < "$DATA")
[[ "$lines" -eq "$N" ]] || die "$DATA has $lines lines, expected $N (delete it to regenerate)"
DATA_BYTES=$(stat -c %s "$DATA")

# --- measuring ---------------------------------------------------------------------------
now() { date +%s.%N; }
# peak RSS in MiB from a `/usr/bin/time -v` report
peak_rss() { awk -F': *' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
# CPU use in percent of one core from a `/usr/bin/time -v` report
cpu_pct() { awk -F': *' '/Percent of CPU this job got/ { sub("%", "", $2); print $2 }' "$1"; }
# CPU seconds (user + system, all threads): less sensitive than wall time to other load
cpu_secs() { awk -F': *' '/User time|System time/ { t += $2 } END { printf "%.2f", t }' "$1"; }
# Other load on the machine skews the timings (2 cores: one cargo build doubles them).
check_quiet() {
    local busy
    busy=$(ps -eo pcpu=,comm= --sort=-pcpu | awk '$1 > 20 && $2 !~ /^(ps|awk|head|sort|cat|sync|bash|sleep|time)$/ { printf "%s(%s%%) ", $2, $1 }' | head -c 200)
    if [[ -n "$busy" ]]; then
        echo "warning: other processes are using CPU before this run: $busy; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
        QUIET=no
    fi
}
QUIET=yes

declare -a TG_T=() PY_T=() TG_RSS=() PY_RSS=() TG_IN=() PY_IN=() TG_CPU=() PY_CPU=() TG_CS=() PY_CS=()
TG_STORE="$WORKDIR/store-twingraph"
PY_STORE="$WORKDIR/store-pyoxigraph"
PY_PATH_NOTE=""

prepare() {
    rm -rf "$1"
    sync
    cat "$DATA" > /dev/null   # same warm page cache for both tools
}

run_twingraph() {
    local run="$1" t0 t1 tl="$WORKDIR/time-twingraph-$run.txt" out="$WORKDIR/twingraph-load-$run.log"
    prepare "$TG_STORE"
    check_quiet
    log "run $run: twingraph load"
    t0=$(now)
    if ! /usr/bin/time -v -o "$tl" "$TWINGRAPH_BIN" --store "$TG_STORE" load "$DATA" \
            --graph "$GRAPH" --format nt > "$out" 2>&1; then
        cat "$out" >&2
        die "twingraph load failed (log: $out)"
    fi
    t1=$(now)
    grep -E '^loaded ' "$out" | sed 's/^/   twingraph: /' >&2 || true
    TG_T+=("$(echo "$t1 - $t0" | bc -l)")
    TG_RSS+=("$(peak_rss "$tl")")
    TG_CPU+=("$(cpu_pct "$tl")")
    TG_CS+=("$(cpu_secs "$tl")")
    # the CLI's own timing: "loaded N triples from F file(s) in S s (T triples/s)"
    TG_IN+=("$(sed -n 's/^loaded .* in \([0-9.]*\) s (.*/\1/p' "$out" | tail -1)")
}

run_pyoxigraph() {
    local run="$1" t0 t1 tl="$WORKDIR/time-pyoxigraph-$run.txt" out="$WORKDIR/pyoxigraph-load-$run.log"
    prepare "$PY_STORE"
    check_quiet
    log "run $run: pyoxigraph Store.bulk_load"
    t0=$(now)
    if ! /usr/bin/time -v -o "$tl" "$PY" "$BENCH_DIR/pyoxigraph_load.py" load "$PY_STORE" "$DATA" \
            "$GRAPH" > "$out" 2>&1; then
        cat "$out" >&2
        die "pyoxigraph load failed (log: $out)"
    fi
    t1=$(now)
    sed 's/^/   pyoxigraph: /' "$out" >&2
    PY_PATH_NOTE="$(sed -n 's/^code_path=//p' "$out")"
    PY_T+=("$(echo "$t1 - $t0" | bc -l)")
    PY_RSS+=("$(peak_rss "$tl")")
    PY_CPU+=("$(cpu_pct "$tl")")
    PY_CS+=("$(cpu_secs "$tl")")
    PY_IN+=("$(sed -n 's/^load_seconds=//p' "$out")")
}

command -v bc >/dev/null || die "bc is needed (apt-get install bc)"

log "N=$N triples, $(numfmt --to=iec "$DATA_BYTES")B file, $RUNS run(s), twingraph=$TWINGRAPH_BIN, pyoxigraph=$PYOXIGRAPH_VERSION"
for ((run = 1; run <= RUNS; run++)); do
    if ((run % 2 == 1)); then run_twingraph "$run"; run_pyoxigraph "$run"
    else run_pyoxigraph "$run"; run_twingraph "$run"; fi
done

# --- checking what was loaded (stores of the last run) -----------------------------------
log "counting triples in both stores"
COUNT_Q="SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <$META_GRAPH>) }"
tg_count=$("$TWINGRAPH_BIN" --store "$TG_STORE" query "$COUNT_Q" --format csv | tr -d '\r' | tail -n 1)
py_count=$("$PY" "$BENCH_DIR/pyoxigraph_load.py" count "$PY_STORE" | sed -n 's/^triples=//p')
TG_DU=$(du -sm "$TG_STORE" | cut -f1)
PY_DU=$(du -sm "$PY_STORE" | cut -f1)
if [[ "$KEEP_STORES" != 1 ]]; then rm -rf "$TG_STORE" "$PY_STORE"; fi

# --- report ------------------------------------------------------------------------------
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
tg_med=$(median "${TG_T[@]}")
py_med=$(median "${PY_T[@]}")
tg_rss=$(median "${TG_RSS[@]}")
py_rss=$(median "${PY_RSS[@]}")

echo
echo "Load benchmark: N=$N triples ($(numfmt --to=iec "$DATA_BYTES")B N-Triples), runs=$RUNS, $(nproc) cores, quiet machine: $QUIET"
echo "wall = whole process (start, open store, load, commit, exit); load = the tool's own timing of load+commit"
printf '%-11s %6s %9s %9s %11s %8s %6s %9s\n' tool run "wall (s)" "load (s)" "triples/s" "CPU (s)" "CPU %" "RSS (MiB)"
row() { printf '%-11s %6s %9.2f %9s %11.0f %8s %6s %9.0f\n' "$1" "$2" "$3" "$4" "$(echo "$N / $3" | bc -l)" "$5" "$6" "$7"; }
for ((i = 0; i < RUNS; i++)); do
    row twingraph $((i + 1)) "${TG_T[$i]}" "${TG_IN[$i]:-?}" "${TG_CS[$i]}" "${TG_CPU[$i]}" "${TG_RSS[$i]}"
    row pyoxigraph $((i + 1)) "${PY_T[$i]}" "${PY_IN[$i]:-?}" "${PY_CS[$i]}" "${PY_CPU[$i]}" "${PY_RSS[$i]}"
done
if ((RUNS > 1)); then
    row twingraph median "$tg_med" "$(median "${TG_IN[@]}")" "$(median "${TG_CS[@]}")" "$(median "${TG_CPU[@]}")" "$tg_rss"
    row pyoxigraph median "$py_med" "$(median "${PY_IN[@]}")" "$(median "${PY_CS[@]}")" "$(median "${PY_CPU[@]}")" "$py_rss"
fi
echo "store size on disk: twingraph ${TG_DU} MiB, pyoxigraph ${PY_DU} MiB"
echo "pyoxigraph $PYOXIGRAPH_VERSION path: $PY_PATH_NOTE"
echo "triples stored: twingraph $tg_count (graphs other than <$META_GRAPH>), pyoxigraph $py_count, expected $N"
ratio=$(echo "$py_med / $tg_med" | bc -l)
printf 'speed ratio (twingraph/pyoxigraph) = %.2f   (goal >= 0.90: %s)\n' "$ratio" \
    "$(echo "$ratio >= 0.9" | bc -l | sed 's/1/met/;s/0/NOT met/')"

tg_in=$(median "${TG_IN[@]}"); py_in=$(median "${PY_IN[@]}")
if [[ -n "$tg_in" && -n "$py_in" && "$tg_in" != 0 ]]; then
    printf '(on the tools'"'"' own load+commit timings: %.2f)\n' "$(echo "$py_in / $tg_in" | bc -l)"
fi
printf '(on CPU seconds, user+system: %.2f)\n' "$(echo "$(median "${PY_CS[@]}") / $(median "${TG_CS[@]}")" | bc -l)"
[[ "$QUIET" == yes ]] || echo "warning: other processes used CPU during the benchmark; the times are not reliable"

if [[ "$tg_count" != "$N" || "$py_count" != "$N" ]]; then
    die "triple counts differ: twingraph=$tg_count pyoxigraph=$py_count expected=$N"
fi
