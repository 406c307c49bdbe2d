#!/usr/bin/env bash
# Runs the heapguard JMH benchmarks the way docs/benchmarks.md reports them, and records the
# machine and its load next to the results.
#
#   [JAVA=/path/to/bin/java] [OUT=dir] agent/benchmarks/scripts/run-benchmarks.sh [JMH arguments...]
#
# JAVA defaults to `java` on the PATH; OUT to agent/benchmarks/target/results-jdk<N>-<time>.
# Arguments go to JMH after `-prof gc -rf json`, e.g. a benchmark regexp 'AdmitReleaseBatched'
# or '-f 1 -i 2' for a quick look. Build the jar first:
#   ./mvnw -B -q -pl agent/benchmarks -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../../.."

JAVA=${JAVA:-java}
JDK_MAJOR=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
OUT=${OUT:-agent/benchmarks/target/results-jdk${JDK_MAJOR}-$(date -u +%Y%m%dT%H%M%SZ)}
JAR=agent/benchmarks/target/benchmarks.jar
[ -f "$JAR" ] || { echo "no $JAR: build it first (./mvnw -B -q -pl agent/benchmarks -am package -DskipTests)" >&2; exit 1; }
mkdir -p "$OUT"
# run a copy: JMH forks re-open the jar, and a rebuild during the run must not change what they run
cp "$JAR" "$OUT/benchmarks.jar"

{
  echo "start: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "uptime before: $(uptime)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "clocksource: $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource 2>/dev/null || echo unknown)"
  "$JAVA" -version 2>&1 | sed 's/^/java: /'
  echo "jmh arguments: -prof gc -rf json -rff $OUT/results.json $*"
} | tee "$OUT/machine.txt"

# the uptime sampler shows how busy the machine was while the benchmarks ran
( while sleep 60; do echo "$(date -u +%H:%M:%S) $(uptime)"; done ) > "$OUT/load.txt" &
SAMPLER=$!
trap 'kill $SAMPLER 2>/dev/null || true' EXIT

"$JAVA" -jar "$OUT/benchmarks.jar" -prof gc -rf json -rff "$OUT/results.json" "$@" 2>&1 | tee "$OUT/jmh.txt"

{
  echo "end: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "uptime after: $(uptime)"
} | tee -a "$OUT/machine.txt"
python3 agent/benchmarks/scripts/jmh_table.py "$OUT/results.json" | tee "$OUT/table.md"
