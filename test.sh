#!/usr/bin/env bash
# Runs every test: the engine and provider unit tests (with the formatting and static-analysis
# checks), then the official JSR-107 TCK against the built jar, then the integration projects.
set -euo pipefail
cd "$(dirname "$0")"
MVN=(mvn -B -ntp)

echo "== unit tests, Spotless, Error Prone; installs the provider jar"
"${MVN[@]}" install

for project in tck-runner integration/hibernate integration/spring; do
  if [[ -f "$project/pom.xml" ]]; then
    echo "== $project"
    "${MVN[@]}" -f "$project/pom.xml" verify
  fi
done
