#!/usr/bin/env bash
# Runs the whole benchmark suite: JMH throughput (1 and 2 threads) and latency, bytes per entry,
# and the hit-ratio simulator; then writes the Markdown tables and charts.
#
#   ./run-benchmarks.sh smoke   # < 5 min: -f 1, short iterations, 2^16 keys only, quick simulator
#   ./run-benchmarks.sh full    # ~1 h: several forks, both sizes, full simulator
#
# Every heavy step takes /tmp/dualcache-cpu.lock itself (the machine is shared): do not wrap this
# script in flock. Set DUALCACHE_NO_LOCK=1 to run without the lock. Knobs for the full run:
# FORKS (3), WARMUP (2 × 1 s), ITERATIONS (3 × 1 s), SIZES (65536,1048576), IMPLS (all).
set -euo pipefail
cd "$(dirname "$0")"

mode=${1:-}
case "$mode" in
  smoke)
    forks=${FORKS:-1}; warmup=${WARMUP:-1}; warmup_time=200ms; iterations=${ITERATIONS:-1}; iteration_time=300ms
    sizes=${SIZES:-65536}; memory_entries=200000; sim_args=(--quick)
    out=results/smoke ;;
  full)
    forks=${FORKS:-3}; warmup=${WARMUP:-2}; warmup_time=1s; iterations=${ITERATIONS:-3}; iteration_time=1s
    sizes=${SIZES:-65536,1048576}; memory_entries=1000000; sim_args=()
    out=results/$(date +%F) ;;
  *)
    echo "usage: $0 smoke|full" >&2; exit 2 ;;
esac

locked() {
  if [[ -n "${DUALCACHE_NO_LOCK:-}" ]]; then "$@"; else flock /tmp/dualcache-cpu.lock "$@"; fi
}

raw=$out/raw
mkdir -p "$raw"
started=$(date +%s)

echo "== build (needs the provider installed: mvn -B -q install -DskipTests at the root)"
locked mvn -B -q package
jar=target/benchmarks.jar

impl_args=()
if [[ -n "${IMPLS:-}" ]]; then impl_args=(-p "impl=$IMPLS"); fi
jmh=(java -jar "$jar" -f "$forks" -wi "$warmup" -w "$warmup_time" -i "$iterations" -r "$iteration_time"
     -jvmArgsAppend "-Xms3g -Xmx3g" "${impl_args[@]}")

for threads in 1 2; do
  echo "== JMH throughput, $threads thread(s), sizes $sizes"
  locked "${jmh[@]}" 'GetPutBenchmark' -t "$threads" -p "size=$sizes" -prof gc \
    -rf json -rff "$raw/throughput-t$threads.json" > "$raw/throughput-t$threads.log" 2>&1 \
    || echo "   (some benchmarks failed: see $raw/throughput-t$threads.log)"
done

echo "== JMH latency (one reader, one writer)"
locked "${jmh[@]}" 'LatencyBenchmark' -p size=65536 \
  -rf json -rff "$raw/latency.json" > "$raw/latency.log" 2>&1 \
  || echo "   (some benchmarks failed: see $raw/latency.log)"

java -cp "$jar" io.dualcache.bench.report.JmhReport "$out/jmh.md" "JMH ($mode run, $(date +%F), forks=$forks)" \
  "$raw/throughput-t1.json" "$raw/throughput-t2.json" "$raw/latency.json"
grep -h "Exception\|Error:" "$raw"/*.log | sort | uniq -c | head -5 || true

echo "== bytes per entry, $memory_entries entries"
locked java -Xmx8g -Djol.magicFieldOffset=true -Djdk.attach.allowAttachSelf=true -cp "$jar" io.dualcache.bench.memory.MemoryFootprint \
  "$memory_entries" "$out/memory.md" 2> "$raw/memory.log"

echo "== hit-ratio simulator"
locked java -Xmx6g -cp "$jar" io.dualcache.bench.sim.Simulator --out "$out/simulator" "${sim_args[@]}"

echo "== done in $(( $(date +%s) - started )) s: $out/jmh.md, $out/memory.md, $out/simulator/"
