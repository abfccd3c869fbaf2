#!/usr/bin/env bash
# The S3 store's listing rate over KEYS (100,000) keys on the in-process S3 server against the local store
# walking the same files (bench/S3ListingBench.java): PRINTS figures, asserts nothing.
#   bench/s3-listing.sh [KEYS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/lib/java.sh
./mvnw -o -q -B test-compile -pl headroom-explorer -am -Dspotless.check.skip=true
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
./mvnw -o -q -B dependency:build-classpath -pl headroom-explorer -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp"
# this tree's classes first (the class path's headroom jars may be older builds)
cp="headroom-explorer/target/test-classes:headroom-explorer/target/classes"
for m in headroom-testing headroom-helidon headroom-monitor headroom-http headroom-cache headroom-resilience; do cp="$cp:$m/target/classes"; done
"$JAVA_HOME/bin/java" -Xmx1g -cp "$cp:$(cat "$work/cp")" bench/S3ListingBench.java "${1:-100000}" "${2:-3}"
