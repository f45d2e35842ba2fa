#!/usr/bin/env bash
# The runs behind results.md. From benchmarks/: mvn -B -ntp -q package, then this script (log: > run-log.txt).
# JAR=... to use a copy of target/benchmarks.jar (e.g. one out of reach of other builds).
# The machine is shared: each step waits (up to QUIET_WAIT × 3 s) for a quiet machine, takes the
# CPU lock, and is run again (up to TRIES times) when other processes used more than 5 s of CPU
# while it ran.
set -uo pipefail
cd "$(dirname "$0")"
JAR=${JAR:-../../target/benchmarks.jar}
LOCK=/tmp/dualcache-cpu.lock
TRIES=${TRIES:-2}
JMH="-f 1 -wi 4 -w 1s -i 3 -r 1s"

# CPU busy % over 3 s, from /proc/stat.
busy() {
  local a b t=0 i
  a=($(head -1 /proc/stat)); sleep 3; b=($(head -1 /proc/stat))
  for i in 1 2 3 4 5 6 7 8; do t=$((t + b[i] - a[i])); done
  local idle=$((b[4] - a[4] + b[5] - a[5]))
  echo $(( (100 * (t - idle)) / (t > 0 ? t : 1) ))
}

# measured COMMAND...: runs it; prints to stderr the machine's busy CPU seconds during the run
# (from /proc/stat) minus the command's own (its rusage, which takes in the JMH fork and the
# redis-server it started): what other processes, short-lived ones included, used meanwhile.
measured() {
  python3 - "$@" <<'PY'
import os, resource, subprocess, sys
def busy():
    f = [int(x) for x in open("/proc/stat").readline().split()[1:9]]
    return (sum(f) - f[3] - f[4]) / os.sysconf("SC_CLK_TCK")
b0 = busy()
code = subprocess.call(sys.argv[1:])
b1 = busy()
r = resource.getrusage(resource.RUSAGE_CHILDREN)
own = r.ru_utime + r.ru_stime
print("OTHERS %d %.1f %.1f %d" % (round(b1 - b0 - own), b1 - b0, own, code), file=sys.stderr)
sys.exit(code)
PY
}

# run NAME COMMAND...: waits for quiet, takes the lock, runs, retries when disturbed.
run() {
  local name=$1 try b n o
  shift
  for try in $(seq 1 "$TRIES"); do
    n=0
    while b=$(busy); [ "$b" -gt 20 ] && [ $n -lt ${QUIET_WAIT:-60} ]; do n=$((n + 1)); done
    exec 9>"$LOCK"
    flock 9
    echo "== $name try $try at $(date -u +%H:%M:%S) (busy before: ${b}%, load: $(cut -d' ' -f1-3 /proc/loadavg))"
    measured "$@" > "$name.txt" 2> "$name.cpu"
    read -r _ o total own code < <(grep '^OTHERS' "$name.cpu")
    grep -v '^OTHERS' "$name.cpu" >> "$name.txt"
    rm -f "$name.cpu"
    flock -u 9
    echo "   exit $code at $(date -u +%H:%M:%S); CPU s: machine $total, this step $own, others ${o}"
    [ "$o" -le 5 ] && return 0
  done
  echo "   kept the last try, disturbed"
}

want() { [ -z "${STEPS:-}" ] || [[ " $STEPS " == *" $1 "* ]]; }  # STEPS="two-nodes ..." picks

want near-hit-t1 && run near-hit-t1 java -jar "$JAR" 'io.dualcache.bench.redis.NearHitBenchmark' \
  $JMH -t 1 -prof gc -rf json -rff near-hit-t1.json
want near-hit-t2 && run near-hit-t2 java -jar "$JAR" 'io.dualcache.bench.redis.NearHitBenchmark' \
  $JMH -t 2 -prof gc -rf json -rff near-hit-t2.json
want two-nodes && run two-nodes java -jar "$JAR" 'io.dualcache.bench.redis.TwoNodeBenchmark' \
  $JMH -rf json -rff two-nodes.json
for i in 1 2 3; do
  want delay-spin && run delay-spin-$i java -cp "$JAR" io.dualcache.bench.redis.InvalidationDelay \
    20000 2000 delay-spin-$i.md delay-spin-$i.csv
done
want delay-yield && run delay-yield java -Dpoll=yield -cp "$JAR" \
  io.dualcache.bench.redis.InvalidationDelay 20000 2000 delay-yield.md delay-yield.csv
echo "== done at $(date -u +%H:%M:%S)"
