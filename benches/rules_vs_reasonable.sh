#!/usr/bin/env bash
# OWL 2 RL materialisation benchmark: `twingraph infer --rules ontology/rules/owl2rl.srl`
# versus `reasonable` (PyPI, Rust with Python bindings) and `owlrl` (PyPI, pure Python),
# on the same LUBM-style input (the univ-bench ontology + generated data), each tool in its
# own process under /usr/bin/time -v.
#
# Usage: benches/rules_vs_reasonable.sh [-u "1 10 50"] [-w WORKDIR] [-t OWLRL_TIMEOUT] [--skip-build]
# or the same through environment variables:
#   SIZES="1 10"          numbers of universities (benches/lubm/gen_lubm.py, ~130k triples each)
#   WORKDIR=/tmp/twingraph-bench/lubm   data, outputs and logs (keep it outside the repo)
#   SEED=0                generator seed
#   OWLRL_TIMEOUT=900     seconds before owlrl is stopped; larger sizes are then skipped
#   OWLRL_MAX=1           largest size owlrl is tried on (1 university takes it ~6 minutes)
#   REASONABLE_VERSION=0.4.4   OWLRL_VERSION=7.6.2   the PyPI releases installed
#   TWINGRAPH_VENV=~/.cache/twingraph-venv   venv for reasonable, owlrl and rdflib
#   TWINGRAPH_BIN=...     use this binary instead of building one
#   SKIP_BUILD=1          do not run `cargo build --release`
# For each size prints wall and reasoning seconds, CPU seconds and peak RSS of each tool,
# the ratios reasonable/ours and owlrl/ours, and whether the derived triples agree
# (benches/lubm/reason_py.py compare: the difference tables are in WORKDIR/compare-N.txt).
set -euo pipefail

SIZES="${SIZES:-1 10}"
WORKDIR="${WORKDIR:-/tmp/twingraph-bench/lubm}"
SEED="${SEED:-0}"
OWLRL_TIMEOUT="${OWLRL_TIMEOUT:-900}"
OWLRL_MAX="${OWLRL_MAX:-1}"
REASONABLE_VERSION="${REASONABLE_VERSION:-0.4.4}"
OWLRL_VERSION="${OWLRL_VERSION:-7.6.2}"
SKIP_BUILD="${SKIP_BUILD:-0}"
VENV="${TWINGRAPH_VENV:-$HOME/.cache/twingraph-venv}"

die() { echo "error: $*" >&2; exit 1; }
log() { echo "== $*" >&2; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        -u|--sizes) SIZES="$2"; shift 2 ;;
        -w|--workdir) WORKDIR="$2"; shift 2 ;;
        -t|--owlrl-timeout) OWLRL_TIMEOUT="$2"; shift 2 ;;
        --skip-build) SKIP_BUILD=1; shift ;;
        -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done
for n in $SIZES; do [[ "$n" =~ ^[0-9]+$ && "$n" -gt 0 ]] || die "sizes must be positive integers, got '$n'"; done

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
RULES="$REPO/ontology/rules/owl2rl.srl"
ONTOLOGY="$BENCH_DIR/lubm/univ-bench.nt"
PYDRIVER="$BENCH_DIR/lubm/reason_py.py"
mkdir -p "$WORKDIR"
WORKDIR="$(cd "$WORKDIR" && pwd)"
case "$WORKDIR/" in "$REPO"/*) die "WORKDIR ($WORKDIR) must be outside the repository" ;; esac

INCR=()
INCREMENTAL_BIN="${CARGO_TARGET_DIR:-$REPO/target}/release/examples/incremental"

# --- tools -------------------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
    log "installing GNU time (apt-get install time)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time; } >&2 \
        || die "GNU time is needed at /usr/bin/time; install the 'time' package"
fi
command -v python3 >/dev/null || die "python3 is needed"
command -v bc >/dev/null || die "bc is needed (apt-get install bc)"

if [[ -n "${TWINGRAPH_BIN:-}" ]]; then
    [[ -x "$TWINGRAPH_BIN" ]] || die "TWINGRAPH_BIN=$TWINGRAPH_BIN is not an executable"
else
    TWINGRAPH_BIN="${CARGO_TARGET_DIR:-$REPO/target}/release/twingraph"
    if [[ "$SKIP_BUILD" != 1 ]]; then
        log "building twingraph (cargo build --release, target dir ${CARGO_TARGET_DIR:-$REPO/target})"
        (cd "$REPO" && cargo build --release --bin twingraph && cargo build --release -p twingraph-rules --example incremental) \
            || die "cargo build --release failed"
    fi
    [[ -x "$TWINGRAPH_BIN" ]] || die "no binary at $TWINGRAPH_BIN (build it, or set TWINGRAPH_BIN)"
fi
"$TWINGRAPH_BIN" rules check "$RULES" >/dev/null || die "$RULES does not pass 'twingraph rules check'"

if [[ ! -x "$VENV/bin/python" ]]; then
    log "creating virtualenv $VENV"
    python3 -m venv "$VENV" || die "could not create a venv at $VENV"
fi
PY="$VENV/bin/python"
if ! "$PY" - "$REASONABLE_VERSION" "$OWLRL_VERSION" <<'EOF' 2>/dev/null; then
import sys, reasonable, owlrl
sys.exit(reasonable.__version__ != sys.argv[1] or owlrl.__version__ != sys.argv[2])
EOF
    log "installing reasonable==$REASONABLE_VERSION owlrl==$OWLRL_VERSION into $VENV"
    "$PY" -m pip install -q --disable-pip-version-check \
        "reasonable==$REASONABLE_VERSION" "owlrl==$OWLRL_VERSION" rdflib \
        || die "pip install reasonable owlrl failed"
fi

# --- measuring ---------------------------------------------------------------------------
peak_rss() { awk -F': *' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
cpu_secs() { awk -F': *' '/User time|System time/ { t += $2 } END { printf "%.1f", t }' "$1"; }
wall_secs() {
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i]; printf "%.2f", s }' "$1"
}
check_quiet() {
    local busy
    busy=$(ps -eo pcpu=,comm= --sort=-pcpu | awk '$1 > 20 && $2 !~ /^(ps|awk|head|sort|cat|sync|bash|sleep|time)$/ { printf "%s(%s%%) ", $2, $1 }' | head -c 200)
    if [[ -n "$busy" ]]; then
        echo "warning: other processes are using CPU before this run: $busy; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
        QUIET=no
    fi
}
QUIET=yes
declare -a ROWS=() RATIOS=() AGREE=()
OWLRL_STOPPED=""

# run_tool NAME SIZE -- command...: runs it under /usr/bin/time -v; sets WALL CPU RSS STATUS
run_tool() {
    local name="$1" n="$2"; shift 3
    local tl="$WORKDIR/time-$name-$n.txt" out="$WORKDIR/$name-$n.log"
    check_quiet
    log "$n universities: $name"
    STATUS=0
    /usr/bin/time -v -o "$tl" "$@" > "$out" 2>&1 || STATUS=$?
    WALL=$(wall_secs "$tl"); CPU=$(cpu_secs "$tl"); RSS=$(peak_rss "$tl")
    sed 's/^/   /' "$out" | tail -n 8 >&2
}

for n in $SIZES; do
    data="$WORKDIR/data-$n.nt"
    input="$WORKDIR/input-$n.nt"
    if [[ ! -s "$data" ]]; then
        log "generating $n universities into $data"
        python3 "$BENCH_DIR/lubm/gen_lubm.py" --universities "$n" --seed "$SEED" "$data.tmp"
        mv "$data.tmp" "$data"
    fi
    cat "$ONTOLOGY" "$data" > "$input"
    in_triples=$(wc -l < "$input")
    cat "$input" > /dev/null   # warm page cache, same for every tool

    # ours
    run_tool twingraph "$n" -- "$TWINGRAPH_BIN" infer --rules "$RULES" "$input" --out "$WORKDIR/derived-twingraph-$n.nt"
    [[ "$STATUS" == 0 ]] || die "twingraph infer failed (log: $WORKDIR/twingraph-$n.log)"
    # "inferred N triples from M base triples into F: S strata, R round(s), T s (...)"
    tg_reason=$(sed -n 's/^inferred .* round(s), \([0-9.]*\) s .*/\1/p' "$WORKDIR/twingraph-$n.log" | tail -1)
    tg_derived=$(sed -n 's/^inferred \([0-9]*\) triples.*/\1/p' "$WORKDIR/twingraph-$n.log" | tail -1)
    ROWS+=("$n $in_triples twingraph $WALL ${tg_reason:-?} $CPU $RSS ${tg_derived:-?}")
    tg_wall=$WALL; tg_r=$tg_reason; tg_rss=$RSS
    compare_args=("twingraph=$WORKDIR/derived-twingraph-$n.nt")

    # reasonable
    run_tool reasonable "$n" -- "$PY" "$PYDRIVER" reasonable "$input" "$WORKDIR/derived-reasonable-$n.nt"
    [[ "$STATUS" == 0 ]] || die "reasonable failed (log: $WORKDIR/reasonable-$n.log)"
    rs_reason=$(sed -n 's/^reason_seconds=//p' "$WORKDIR/reasonable-$n.log")
    rs_derived=$(sed -n 's/^derived_triples=//p' "$WORKDIR/reasonable-$n.log")
    ROWS+=("$n $in_triples reasonable $WALL $rs_reason $CPU $RSS $rs_derived")
    RATIOS+=("$(printf '%s univ: reasonable/ours  wall %.2f  reasoning %.2f  RSS %.2f' "$n" \
        "$(echo "$WALL / $tg_wall" | bc -l)" "$(echo "$rs_reason / $tg_r" | bc -l)" "$(echo "$RSS / $tg_rss" | bc -l)")")
    compare_args+=("reasonable=$WORKDIR/derived-reasonable-$n.nt")

    # owlrl (slow: a timeout, and no larger size after the first one that does not finish)
    if [[ -z "$OWLRL_STOPPED" && "$n" -le "$OWLRL_MAX" ]]; then
        run_tool owlrl "$n" -- timeout "$OWLRL_TIMEOUT" "$PY" "$PYDRIVER" owlrl "$input" "$WORKDIR/derived-owlrl-$n.nt"
        if [[ "$STATUS" == 0 ]]; then
            ow_reason=$(sed -n 's/^reason_seconds=//p' "$WORKDIR/owlrl-$n.log")
            ow_derived=$(sed -n 's/^derived_triples=//p' "$WORKDIR/owlrl-$n.log")
            ROWS+=("$n $in_triples owlrl $WALL $ow_reason $CPU $RSS $ow_derived")
            RATIOS+=("$(printf '%s univ: owlrl/ours       wall %.2f  reasoning %.2f  RSS %.2f' "$n" \
                "$(echo "$WALL / $tg_wall" | bc -l)" "$(echo "$ow_reason / $tg_r" | bc -l)" "$(echo "$RSS / $tg_rss" | bc -l)")")
            compare_args+=("owlrl=$WORKDIR/derived-owlrl-$n.nt")
        else
            OWLRL_STOPPED="$n"
            ROWS+=("$n $in_triples owlrl >$OWLRL_TIMEOUT - $CPU $RSS (stopped)")
        fi
    else
        ROWS+=("$n $in_triples owlrl skipped - - - -")
    fi

    # incremental maintenance: delete 1 % of the data (not the ontology), DRed update vs full recompute
    if [[ -x "$INCREMENTAL_BIN" ]]; then
        log "$n universities: incremental maintenance (delete 1 %)"
        "$INCREMENTAL_BIN" --delete 0.01 --seed "$((SEED + 1))" --fixed "$ONTOLOGY" "$RULES" -- "$data" > "$WORKDIR/incremental-$n.txt" \
            || die "incremental check failed (see $WORKDIR/incremental-$n.txt)"
        INCR+=("$n univ: $(grep '^delete' "$WORKDIR/incremental-$n.txt")")
    fi

    log "$n universities: comparing derived triples"
    "$PY" "$PYDRIVER" compare "$input" "${compare_args[@]}" > "$WORKDIR/compare-$n.txt"
    sed 's/^/   /' "$WORKDIR/compare-$n.txt" >&2
    while IFS= read -r line; do AGREE+=("$n univ: $line"); done < <(grep -E '^[a-z]+( vs |: derived)' "$WORKDIR/compare-$n.txt")
done

# --- report ------------------------------------------------------------------------------
echo
echo "OWL 2 RL materialisation (LUBM-style, univ-bench ontology), $(nproc) cores, quiet machine: $QUIET"
echo "wall = whole process (parse input, reason, write derived triples); reasoning = the tool's own timing of reasoning"
echo "derived = triples in the closure that are not in the input; rules: ${RULES#"$REPO"/}"
printf '%5s %9s %-11s %9s %10s %8s %9s %9s\n' univ input tool "wall (s)" "reason (s)" "CPU (s)" "RSS (MiB)" derived
for r in "${ROWS[@]}"; do
    # shellcheck disable=SC2086
    printf '%5s %9s %-11s %9s %10s %8s %9s %9s\n' $r
done
printf '%s\n' "${RATIOS[@]}"
echo "agreement (comparable = about data individuals, without rdf:type owl:Thing and reflexive owl:sameAs):"
printf '  %s\n' "${AGREE[@]}"
[[ -z "$OWLRL_STOPPED" ]] || echo "owlrl did not finish within ${OWLRL_TIMEOUT}s at $OWLRL_STOPPED universities; larger sizes skipped"
if [[ ${#INCR[@]} -gt 0 ]]; then
    echo "incremental maintenance (twingraph-rules example 'incremental': DRed update after deleting 1 % of the input vs full recompute, derived sets compared):"
    printf '  %s\n' "${INCR[@]}"
else
    echo "incremental: not measured (no example binary at $INCREMENTAL_BIN)"
fi
[[ "$QUIET" == yes ]] || echo "warning: other processes used CPU during the benchmark; the times are not reliable"
