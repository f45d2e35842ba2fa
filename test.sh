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
