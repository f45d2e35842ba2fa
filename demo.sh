#!/usr/bin/env bash
# The demo: builds and installs the provider jar, then runs a JCache application on it.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -ntp -q install -Dmaven.test.skip=true -Dspotless.check.skip=true
mvn -B -ntp -q -f demo/pom.xml compile exec:java
