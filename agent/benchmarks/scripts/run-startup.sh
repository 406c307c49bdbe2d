#!/usr/bin/env bash
# Start-up cost of the heapguard agent: hello world and the demo's time to first served query, each
# with and without -javaagent, interleaved in one run (io.heapguard.it.startup.StartupMain). Records
# the machine and its load next to the results.
#
#   [JAVA=/path/to/bin/java] agent/benchmarks/scripts/run-startup.sh [StartupMain options]
#
# JAVA (default `java` on the PATH) runs the harness and is the JVM measured. Options, e.g.
#   --runs 7 --warmup 1 --only hello|demo|all --otel /tmp/otel/opentelemetry-javaagent-2.21.0.jar
#   --out dir (default integration-tests/target/startup); --help lists them all.
# Builds nothing. Build first, from the repository root:
#   ./mvnw -B -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/../../.."

JAVA=${JAVA:-java}
BUILD="./mvnw -B -q -DskipTests package"
OUT=integration-tests/target/startup
AGENT=agent/javaagent/target/heapguard-agent.jar
DEMO=demo-app/target/heapguard-demo.jar
ONLY=all
# read the few options this script needs itself; all of them go on to StartupMain unchanged
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --out|--agent|--demo|--only) [ $((i + 1)) -lt ${#args[@]} ] && val=${args[i + 1]} || val= ;;&
    --out) OUT=$val ;;
    --agent) AGENT=$val ;;
    --demo) DEMO=$val ;;
    --only) ONLY=$val ;;
    --out=*) OUT=${args[i]#--out=} ;;
    --agent=*) AGENT=${args[i]#--agent=} ;;
    --demo=*) DEMO=${args[i]#--demo=} ;;
    --only=*) ONLY=${args[i]#--only=} ;;
  esac
done

missing=()
[ -f integration-tests/target/classes/io/heapguard/it/startup/StartupMain.class ] \
  || missing+=("integration-tests/target/classes (StartupMain)")
[ -f "$AGENT" ] || missing+=("$AGENT")
if [ "$ONLY" != hello ]; then [ -f "$DEMO" ] || missing+=("$DEMO"); fi
if [ ${#missing[@]} -gt 0 ]; then
  printf 'missing: %s\n' "${missing[@]}" >&2
  echo "build them first, from $(pwd): $BUILD" >&2
  exit 1
fi

# the harness's runtime class path, as the compare profile's exec plugin gets it (runtime scope:
# not the demo's or the agent's provided dependencies); cached until a pom changes
CP_FILE=integration-tests/target/startup-classpath.txt
if [ ! -s "$CP_FILE" ] || [ pom.xml -nt "$CP_FILE" ] || [ integration-tests/pom.xml -nt "$CP_FILE" ]; then
  # with -am and package: the project's own modules are never installed, so only the reactor can
  # resolve them (every module writes the file; integration-tests, built last, writes it last)
  ./mvnw -B -o -q -pl integration-tests -am -DskipTests package dependency:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile="$(pwd)/$CP_FILE" \
    || { echo "could not resolve the class path offline; run once without -o:" >&2
         echo "  ./mvnw -B -q -pl integration-tests -am -DskipTests package dependency:build-classpath" >&2; exit 1; }
fi

mkdir -p "$OUT"
{
  echo "start: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "uptime before: $(uptime)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  "$JAVA" -version 2>&1 | sed 's/^/java: /'
  echo "arguments: $*"
} | tee "$OUT/machine.txt"

"$JAVA" -Xmx256m -cp "integration-tests/target/classes:$(cat "$CP_FILE")" io.heapguard.it.startup.StartupMain "$@"

{
  echo "end: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "uptime after: $(uptime)"
} | tee -a "$OUT/machine.txt"
