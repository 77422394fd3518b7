#!/usr/bin/env bash
# The issue-8 figures in one go (about 30 minutes on 2 cores; loopback only, bounded):
#   0. server CPU per slider release of every lesson vs the bare page (bench/release_cost.py)
#   1. single-user latency of every lesson vs the bare page, scrubbing, cold start (browser)
#   2. 60 students @ 1 release/s for 60 s on every lesson page, one server the README's way
#   3. 60 students for 5 minutes on the heaviest page (most server CPU per run in step 2;
#      memory growth)
#   4. capacity through deploy/local.sh with 2 processes: N students stepped up until the
#      p95 passes 250 ms, 30 s per step, on the heaviest page
#
#   bash bench/run_all.sh [OUT_DIR]        # results as JSON lines + logs in OUT_DIR
set -uo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-/tmp/lossviz-bench-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"
PY="${PYTHON:-python3}"
echo "results in $OUT"

"$PY" bench/release_cost.py --moves 30 > "$OUT/release_cost.log" 2>&1
grep -v '^\[' "$OUT/release_cost.log" | tail -n 12

"$PY" bench/latency.py --moves 20 --cold 3 --json-out "$OUT/latency.json" > "$OUT/latency.log" 2>&1
tail -n 20 "$OUT/latency.log" | grep -v '^{'

PAGES=$("$PY" -c 'from lossviz import course; print(" ".join(x.url_path for x in course.LESSONS))')
for page in $PAGES; do
    "$PY" bench/load.py --start --students 60 --duration 60 --page "$page" \
        --json-out "$OUT/load60_$page.json" > "$OUT/load60_$page.log" 2>&1
    echo "60 students /$page: $(grep '^releases' "$OUT/load60_$page.log")"
done

# the heaviest page: the most server CPU per run under the 60-student load above
HEAVY=$("$PY" -c "import glob, json; runs = [json.load(open(f)) for f in glob.glob('$OUT/load60_*.json')]; print(max(runs, key=lambda r: r.get('server_cpu_ms_per_run') or 0)['page'])")
"$PY" bench/load.py --start --students 60 --duration 300 --page "$HEAVY" \
    --json-out "$OUT/soak.json" > "$OUT/soak.log" 2>&1
echo "5 min on /$HEAVY: $(grep -E '^(releases|server CPU)' "$OUT/soak.log" | tr '\n' ' ')"

export LOSSVIZ_LOCAL_DIR="$OUT/local"
bash deploy/local.sh start 2 8600 > "$OUT/local.log" 2>&1 || { cat "$OUT/local.log"; exit 1; }
trap 'bash deploy/local.sh stop >> "$OUT/local.log" 2>&1' EXIT
for n in 2 5 10 20 40 80 120 160 200 250; do
    "$PY" bench/load.py --url http://127.0.0.1:8600 --pidfile "$LOSSVIZ_LOCAL_DIR/pids" \
        --students "$n" --duration 30 --page "$HEAVY" \
        --json-out "$OUT/capacity_$n.json" > "$OUT/capacity_$n.log" 2>&1
    p95=$("$PY" -c "import json; print(json.load(open('$OUT/capacity_$n.json'))['p95_ms'] or 1e9)")
    echo "proxy, 2 processes, $n students /$HEAVY: $(grep '^releases' "$OUT/capacity_$n.log")"
    "$PY" -c "import sys; sys.exit(0 if float('$p95') <= 250 else 1)" || break
done
