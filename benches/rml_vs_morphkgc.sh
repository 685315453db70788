#!/usr/bin/env bash
# RML benchmark: `twingraph map` versus Morph-KGC (PyPI) on the GTFS-Madrid-Bench CSV mapping,
# same machine, same run, same generated GTFS data.
#
# Usage: benches/rml_vs_morphkgc.sh [-s "1 10"] [-w WORKDIR] [--skip-build] [--keep]
# or the same through environment variables:
#   SCALES="1 10"          GTFS scale factors (copies of the seed feed; add 100 for ~15 M triples)
#   WORKDIR=/tmp/twingraph-rml-bench   generated data, outputs and logs (outside the repo)
#   SEED=examples/teed/district/transport/gtfs   GTFS feed multiplied by benches/gtfs_scale.py
#   MAPPING=../shared/data/transport/gtfs-madrid-bench/mappings/gtfs-csv.rml.ttl
#                          the benchmark's own CSV mapping; copied per scale with its
#                          "/data/X.csv" sources pointed at the generated files
#   VENV=~/.cache/twingraph-venv-rml   venv holding Morph-KGC
#   MORPH_KGC_VERSION=2.10.0           pinned Morph-KGC release
#   MORPH_PROCS=<2 x cores>            Morph-KGC's parallel configuration (its default)
#   TWINGRAPH_BIN=...      use this binary instead of building one
#   SKIP_BUILD=1           do not run `cargo build --release`
#   KEEP=1                 keep the N-Quads outputs
# Each scale runs four configurations, each under /usr/bin/time -v (wall, CPU = user+system of
# all processes, peak RSS = largest single process):
#   twingraph --threads 1 (default)   paired with   morph-kgc number_of_processes=1
#   twingraph --threads 0 (all cores) paired with   morph-kgc number_of_processes=MORPH_PROCS
# then checks that the deduplicated quad sets are identical (sort -u, whitespace-normalised
# N-Quads; a sample of the difference is printed otherwise) and prints the table with the
# speed ratio morph-kgc/twingraph of each pair (wall time) and on CPU seconds.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"

SCALES="${SCALES:-1 10}"
WORKDIR="${WORKDIR:-/tmp/twingraph-rml-bench}"
SEED="${SEED:-$REPO/examples/teed/district/transport/gtfs}"
MAPPING="${MAPPING:-$REPO/../shared/data/transport/gtfs-madrid-bench/mappings/gtfs-csv.rml.ttl}"
VENV="${VENV:-$HOME/.cache/twingraph-venv-rml}"
MORPH_KGC_VERSION="${MORPH_KGC_VERSION:-2.10.0}"
MORPH_PROCS="${MORPH_PROCS:-$((2 * $(nproc)))}"
SKIP_BUILD="${SKIP_BUILD:-0}"
KEEP="${KEEP:-0}"

die() { echo "error: $*" >&2; exit 1; }
log() { echo "== $*" >&2; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        -s|--scales) SCALES="$2"; shift 2 ;;
        -w|--workdir) WORKDIR="$2"; shift 2 ;;
        --skip-build) SKIP_BUILD=1; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done
for s in $SCALES; do [[ "$s" =~ ^[1-9][0-9]*$ ]] || die "scales must be positive integers, got '$s'"; done
[[ -d "$SEED" ]] || die "no seed GTFS feed at $SEED"
[[ -f "$MAPPING" ]] || die "no GTFS-Madrid-Bench mapping at $MAPPING"
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
command -v bc >/dev/null || die "bc is needed (apt-get install bc)"

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

PY="$VENV/bin/python"
if ! "$PY" -c "import importlib.metadata as m, sys; sys.exit(m.version('morph-kgc') != '$MORPH_KGC_VERSION')" 2>/dev/null; then
    log "installing morph-kgc==$MORPH_KGC_VERSION into $VENV"
    python3 -m venv "$VENV" || die "could not create a venv at $VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check "morph-kgc==$MORPH_KGC_VERSION" \
        || die "pip install morph-kgc==$MORPH_KGC_VERSION failed"
fi
PANDAS_VERSION=$("$PY" -c "import importlib.metadata as m; print(m.version('pandas'))")

# --- measuring ---------------------------------------------------------------------------
peak_mb() { awk -F': *' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
cpu_secs() { awk -F': *' '/User time|System time/ { t += $2 } END { printf "%.2f", t }' "$1"; }
wall_secs() {   # "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:04.53"
    awk '/Elapsed \(wall clock\)/ { n = split($NF, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$1"
}
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
QUIET=yes
check_quiet() {
    local busy
    busy=$(ps -eo pcpu=,comm= --sort=-pcpu | awk '$1 > 20 && $2 !~ /^(ps|awk|head|sort|cat|sync|bash|sleep|time)$/ { printf "%s(%s%%) ", $2, $1 }' | head -c 200)
    if [[ -n "$busy" ]]; then
        echo "   warning: other processes are using CPU: $busy; load average $(loadavg)" >&2
        QUIET=no
    fi
}
# whitespace-normalised, deduplicated N-Quads (Morph-KGC writes "<s> <p> <o>  ." for the
# default graph); LC_ALL=C for a byte-wise, locale-independent sort
canon() { sed -E 's/[[:space:]]+\.[[:space:]]*$/ ./' "$1" | LC_ALL=C sort -u -S 25% > "$2"; }

declare -a ROWS=()        # "tool|config|scale|triples|wall|cpu|peak|pair"
declare -A WALL=() CPU=() COUNT=()
MISMATCH=0

run_tool() {   # name config scale outfile cmd...
    local name="$1" config="$2" scale="$3" out="$4"; shift 4
    local tl="$WORKDIR/time-$name-$config-$scale.txt" logf="$WORKDIR/$name-$config-$scale.log"
    rm -f "$out"
    cat "$WORKDIR/gtfs-$scale"/*.csv > /dev/null   # same warm page cache for every run
    check_quiet
    log "scale $scale: $name $config (load average $(loadavg))"
    if ! /usr/bin/time -v -o "$tl" "$@" > "$logf" 2>&1; then
        tail -n 20 "$logf" >&2
        die "$name $config failed at scale $scale (log: $logf)"
    fi
    [[ -s "$out" ]] || die "$name $config wrote no output at scale $scale (log: $logf)"
    local key="$name-$config-$scale"
    canon "$out" "$out.sorted"
    COUNT[$key]=$(wc -l < "$out.sorted")
    WALL[$key]=$(wall_secs "$tl")
    CPU[$key]=$(cpu_secs "$tl")
    ROWS+=("$name|$config|$scale|${COUNT[$key]}|${WALL[$key]}|${CPU[$key]}|$(peak_mb "$tl")")
    echo "   $(wc -l < "$out") lines, ${COUNT[$key]} distinct quads, wall ${WALL[$key]} s, CPU ${CPU[$key]} s" >&2
    [[ "$KEEP" == 1 ]] || rm -f "$out"
}

compare() {   # a b scale: identical quad sets?
    local a="$WORKDIR/$1-$3.nq.sorted" b="$WORKDIR/$2-$3.nq.sorted" only_a only_b
    only_a=$(LC_ALL=C comm -23 "$a" "$b" | wc -l)
    only_b=$(LC_ALL=C comm -13 "$a" "$b" | wc -l)
    if [[ "$only_a" == 0 && "$only_b" == 0 ]]; then
        echo "scale $3: $1 and $2 produce the same $(wc -l < "$a") quads"
    else
        MISMATCH=1
        echo "scale $3: $1 and $2 DIFFER: $only_a quads only in $1, $only_b only in $2; samples:"
        LC_ALL=C comm -23 "$a" "$b" | head -n 5 | sed "s/^/  only $1: /"
        LC_ALL=C comm -13 "$a" "$b" | head -n 5 | sed "s/^/  only $2: /"
    fi
}

# --- runs --------------------------------------------------------------------------------
START_LOAD=$(loadavg)
log "twingraph=$TWINGRAPH_BIN, morph-kgc $MORPH_KGC_VERSION (pandas $PANDAS_VERSION), $(nproc) cores, load average $START_LOAD"
log "seed feed $SEED, mapping $MAPPING"
declare -a COMPARISONS=()
for scale in $SCALES; do
    data="$WORKDIR/gtfs-$scale"
    log "generating GTFS scale $scale into $data"
    python3 "$BENCH_DIR/gtfs_scale.py" --seed "$SEED" --scale "$scale" --out "$data" >&2
    # the benchmark's mapping reads "/data/X.csv": point it at the generated files
    sources=$(grep -c 'rml:source "/data/' "$MAPPING")
    [[ "$sources" -gt 0 ]] || die "$MAPPING has no rml:source \"/data/...\" to redirect"
    sed "s#rml:source \"/data/#rml:source \"$data/#" "$MAPPING" > "$data/mapping.rml.ttl"
    for t in 1 0; do
        run_tool twingraph "threads$t" "$scale" "$WORKDIR/twingraph-threads$t-$scale.nq" \
            "$TWINGRAPH_BIN" map "$data/mapping.rml.ttl" --threads "$t" \
            --out "$WORKDIR/twingraph-threads$t-$scale.nq"
    done
    for p in 1 "$MORPH_PROCS"; do
        ini="$WORKDIR/morph-procs$p-$scale.ini"
        cat > "$ini" <<EOF
[CONFIGURATION]
output_file=$WORKDIR/morph-kgc-procs$p-$scale.nq
output_format=N-QUADS
number_of_processes=$p
logging_level=WARNING

[GTFS]
mappings=$data/mapping.rml.ttl
EOF
        run_tool morph-kgc "procs$p" "$scale" "$WORKDIR/morph-kgc-procs$p-$scale.nq" \
            "$PY" -m morph_kgc "$ini"
    done
    COMPARISONS+=("$(compare twingraph-threads1 morph-kgc-procs1 "$scale")")
    COMPARISONS+=("$(compare twingraph-threads1 twingraph-threads0 "$scale")")
    COMPARISONS+=("$(compare morph-kgc-procs1 "morph-kgc-procs$MORPH_PROCS" "$scale")")
    [[ "$KEEP" == 1 ]] || rm -f "$WORKDIR"/*-"$scale".nq.sorted
done
END_LOAD=$(loadavg)

# --- report ------------------------------------------------------------------------------
pair_of() {   # the Morph-KGC configuration a twingraph configuration is compared with
    case "$1" in threads1) echo procs1 ;; *) echo "procs$MORPH_PROCS" ;; esac
}
echo
echo "RML benchmark: GTFS-Madrid-Bench CSV mapping ($(basename "$MAPPING")), seed $(basename "$(dirname "$SEED")")/$(basename "$SEED"), scales: $SCALES"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); load average at start $START_LOAD, at end $END_LOAD; quiet: $QUIET"
echo "twingraph $("$TWINGRAPH_BIN" --version 2>/dev/null | head -1 || echo '?'); morph-kgc $MORPH_KGC_VERSION (Python $("$PY" -c 'import platform; print(platform.python_version())'), pandas $PANDAS_VERSION)"
echo "triples = distinct quads written; wall/CPU/peak from /usr/bin/time -v (CPU = user+system of all processes, peak = largest process)"
echo "ratio = morph-kgc wall / twingraph wall for the paired configuration (threads1~procs1, threads0~procs$MORPH_PROCS); CPU ratio likewise on CPU seconds"
printf '%-10s %-8s %5s %10s %8s %8s %8s %11s %12s %9s %9s\n' \
    tool config scale triples "wall s" "CPU s" "peak MB" "triples/s" "triples/CPUs" "ratio" "CPU ratio"
for r in "${ROWS[@]}"; do
    IFS='|' read -r tool config scale n wall cpu peak <<< "$r"
    tps=$(echo "$n / $wall" | bc -l)
    tpc=$(echo "$n / $cpu" | bc -l)
    ratio="-" cratio="-"
    if [[ "$tool" == twingraph ]]; then
        mk="morph-kgc-$(pair_of "$config")-$scale"
        ratio=$(printf '%.1fx' "$(echo "${WALL[$mk]} / $wall" | bc -l)")
        cratio=$(printf '%.1fx' "$(echo "${CPU[$mk]} / $cpu" | bc -l)")
    fi
    printf '%-10s %-8s %5s %10s %8.2f %8.2f %8s %11.0f %12.0f %9s %9s\n' \
        "$tool" "$config" "$scale" "$n" "$wall" "$cpu" "$peak" "$tps" "$tpc" "$ratio" "$cratio"
done
echo
printf '%s\n' "${COMPARISONS[@]}"
best_ratio=""; best_tpc=""
for scale in $SCALES; do
    best_tg=$(printf '%s\n' "${WALL[twingraph-threads1-$scale]}" "${WALL[twingraph-threads0-$scale]}" | sort -g | head -1)
    best_mk=$(printf '%s\n' "${WALL[morph-kgc-procs1-$scale]}" "${WALL[morph-kgc-procs$MORPH_PROCS-$scale]}" | sort -g | head -1)
    r=$(echo "$best_mk / $best_tg" | bc -l)
    tpc=$(echo "${COUNT[twingraph-threads1-$scale]} / ${CPU[twingraph-threads1-$scale]}" | bc -l)
    printf 'scale %s: best morph-kgc / best twingraph wall = %.1fx (goal >= 10: %s); twingraph threads1 %.2f M triples per CPU-second (goal >= 1: %s)\n' \
        "$scale" "$r" "$(echo "$r >= 10" | bc -l | sed 's/1/met/;s/0/NOT met/')" \
        "$(echo "$tpc / 1000000" | bc -l)" "$(echo "$tpc >= 1000000" | bc -l | sed 's/1/met/;s/0/NOT met/')"
done
[[ "$QUIET" == yes ]] || echo "warning: other processes used CPU during the benchmark; wall times are inflated (CPU seconds are the fairer comparison)"
[[ "$MISMATCH" == 0 ]] || die "the tools' outputs differ (see above)"
