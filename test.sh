#!/usr/bin/env bash
# Runs every test: the engine and provider unit tests (with the formatting and static-analysis
# checks), then, against the installed jar as an outside user would: the official JSR-107 TCK,
# the jar as a named module on the module path, the Hibernate ORM integration and the Spring Boot
# integration.
set -euo pipefail
cd "$(dirname "$0")"
# The Redis tests (io.dualcache.redis) start their own redis-server: Debian's, installed when
# missing.
command -v redis-server >/dev/null || { apt-get update && apt-get install -y redis-server; }
MVN=(mvn -B -ntp)

echo "== unit tests, Spotless, Error Prone; installs the provider jar"
"${MVN[@]}" install

for project in tck-runner integration/modulepath integration/hibernate integration/spring; do
  echo "== $project"
  "${MVN[@]}" -f "$project/pom.xml" verify
done

echo "== tck-runner -Pfory: the TCK with copier = fory in the default manager's template"
"${MVN[@]}" -f tck-runner/pom.xml verify -Pfory

# A redis-server of our own on a free loopback port, stopped when this script ends.
start_redis() {
  local port
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + RANDOM % 40000))
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
      --pidfile "/tmp/dualcache-redis-$port.pid" --logfile "/tmp/dualcache-redis-$port.log"
    for _ in $(seq 50); do
      if redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; then
        REDIS_PORT=$port
        trap 'redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true' EXIT
        return
      fi
      sleep 0.1
    done
  done
  echo "could not start redis-server" >&2
  exit 1
}

echo "== tck-runner -Predis: the TCK against a default cache manager shared through Redis"
start_redis
DUALCACHE_TCK_REDIS_URI="redis://127.0.0.1:$REDIS_PORT/0" \
  "${MVN[@]}" -f tck-runner/pom.xml verify -Predis
