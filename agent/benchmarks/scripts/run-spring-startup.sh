#!/usr/bin/env bash
# Start-up of the Spring Boot example (examples/spring-boot fat jar) with and without agents,
# interleaved round by round (none A B ... none A B ...), so that drift of a shared machine hits every
# variant alike. Per run: Spring's "Started ReportApplication in X seconds (process running for Y)",
# the wall time from fork to the first HTTP 200 of GET /render?rows=100, and at that moment the
# process's CPU (user+sys of all its threads, /proc/PID/stat) and its main thread's (the Java main
# thread is the only busy one named "java"). Prints medians per variant and the ratio of each
# variant's median to the none variant's, and (with none first) the median of the per-round ratios;
# records the load before and after. On a shared machine
# the CPU columns move much less than the wall-clock ones.
#
#   [JAVA=/path/to/bin/java] agent/benchmarks/scripts/run-spring-startup.sh RUNS VARIANT...
#
# VARIANT: none | scan (a -javaagent whose only work is a byte scan of every class for
# Lio/heapguard/MemoryAware;, the floor of any annotation-driven agent, compiled here) | floor (the
# scan plus Byte Buddy Advice's first use, on a background thread, and a no-op advice woven into the
# example's ReportService: the floor the issue accepts for a weaving agent; integration-tests'
# AdviceFloorAgent, compiled here against the build's Byte Buddy) | a path to a heapguard agent jar
# (run with the example's heapguard.json, as the example's README does).
# Environment: JAVA (default java), APP (the fat jar), CONFIG (agent options after the jar, default
# config=examples/spring-boot/heapguard.json), JVM_OPTS (to every run, default -Xmx256m), OUT (default
# agent/benchmarks/target/spring-startup: runs.txt has every run). Builds nothing; build first:
#   ./mvnw -B -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/../../.."

RUNS=${1:?usage: run-spring-startup.sh RUNS VARIANT...}; shift
[ $# -gt 0 ] || set -- none agent/javaagent/target/heapguard-agent.jar
JAVA=${JAVA:-java}
APP=${APP:-examples/spring-boot/target/heapguard-example-spring-boot-exec.jar}
CONFIG=${CONFIG:-config=examples/spring-boot/heapguard.json}
JVM_OPTS=${JVM_OPTS:--Xmx256m}
OUT=${OUT:-agent/benchmarks/target/spring-startup}
TICKS=$(getconf CLK_TCK)
[ -f "$APP" ] || { echo "missing $APP: build first, ./mvnw -B -q -DskipTests package" >&2; exit 1; }
mkdir -p "$OUT"
: > "$OUT/runs.txt"

scan_agent() { # builds the scan-only agent once into $OUT/scan-only-agent.jar (integration-tests' ScanOnlyAgent)
  [ -f "$OUT/scan-only-agent.jar" ] && return
  [ -d integration-tests/target/classes ] || { echo "missing integration-tests/target/classes: build first" >&2; exit 1; }
  "$JAVA" -cp integration-tests/target/classes io.heapguard.it.startup.ScanOnlyAgent "$OUT" >/dev/null
}

floor_agent() { # builds the Byte Buddy floor agent once into $OUT/advice-floor-agent.jar
  [ -f "$OUT/advice-floor-agent.jar" ] && return
  [ -d integration-tests/target/classes ] || { echo "missing integration-tests/target/classes: build first" >&2; exit 1; }
  local version bb
  version=$(sed -n 's:.*<bytebuddy.version>\(.*\)</bytebuddy.version>.*:\1:p' pom.xml)
  bb="$HOME/.m2/repository/net/bytebuddy/byte-buddy/$version/byte-buddy-$version.jar"
  [ -f "$bb" ] || { echo "missing $bb: build first" >&2; exit 1; }
  "$JAVA" -cp integration-tests/target/classes io.heapguard.it.startup.AdviceFloorAgent "$OUT" "$bb" >/dev/null
}

agent_option() { # variant -> its -javaagent option (empty for none)
  case $1 in
    none) echo "" ;;
    scan) echo "-javaagent:$OUT/scan-only-agent.jar" ;;
    floor) echo "-javaagent:$OUT/advice-floor-agent.jar=io.heapguard.examples.springboot.ReportService" ;;
    *) echo "-javaagent:$1=$CONFIG" ;;
  esac
}

one_run() { # variant -> appends "variant started_s running_s first200_ms cpu_ms main_cpu_ms" to runs.txt
  local variant=$1 log="$OUT/app.log" port="" status="" start now pid started running cpu main task
  : > "$log" # emptied here: the background launch's own redirection may come after the first poll
  start=$(date +%s%N)
  # shellcheck disable=SC2046 # the agent option is one word or none
  "$JAVA" $JVM_OPTS $(agent_option "$variant") -jar "$APP" --server.port=0 >> "$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 6000); do # 20 ms polls, at most 2 minutes
    if [ -z "$port" ]; then
      port=$(sed -n 's/.*Tomcat started on port[^0-9]*\([0-9][0-9]*\).*/\1/p' "$log" | head -n 1)
    fi
    if [ -n "$port" ]; then
      status=$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "http://localhost:$port/render?rows=100" || true)
      [ "$status" = 200 ] && break
    fi
    kill -0 "$pid" 2> /dev/null || { echo "$variant: the application exited; its log:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.02
  done
  now=$(date +%s%N)
  [ "$status" = 200 ] || { echo "$variant: no HTTP 200 within 2 minutes; its log:" >&2; cat "$log" >&2; kill "$pid"; exit 1; }
  cpu=$(awk -v t="$TICKS" '{print int(($14 + $15) * 1000 / t)}' "/proc/$pid/stat")
  main=0
  for task in /proc/"$pid"/task/*; do
    if [ "$(cat "$task/comm" 2> /dev/null)" = java ]; then
      main=$(( main + $(awk -v t="$TICKS" '{print int(($14 + $15) * 1000 / t)}' "$task/stat" 2> /dev/null || echo 0) ))
    fi
  done
  kill "$pid"; wait "$pid" 2> /dev/null || true
  started=$(sed -n 's/.*Started ReportApplication in \([0-9.]*\) seconds (process running for \([0-9.]*\)).*/\1 \2/p' "$log")
  [ -n "$started" ] || { echo "$variant: no 'Started' line; its log:" >&2; cat "$log" >&2; exit 1; }
  read -r started running <<< "$started"
  echo "$variant $started $running $(( (now - start) / 1000000 )) $cpu $main" >> "$OUT/runs.txt"
}

for v in "$@"; do
  [ "$v" = scan ] && scan_agent
  [ "$v" = floor ] && floor_agent
done
{
  echo "start: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "load before: $(uptime)"
  echo "nproc: $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  "$JAVA" -version 2>&1 | head -n 1 | sed 's/^/java: /'
  echo "runs: $RUNS, variants: $*, JVM options: $JVM_OPTS, agent options: $CONFIG"
} | tee "$OUT/machine.txt"

one_run none > /dev/null # warm-up, not counted: the page cache holds the jars afterwards
: > "$OUT/runs.txt"
for ((i = 0; i < RUNS; i++)); do
  for v in "$@"; do one_run "$v"; done
done
echo "load after: $(uptime)" | tee -a "$OUT/machine.txt"

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
printf '%-50s %9s %9s %11s %8s %9s\n' variant "Started" running first-200 cpu main-cpu
for v in "$@"; do
  row=""
  for col in 2 3 4 5 6; do row="$row $(awk -v v="$v" -v c=$col '$1 == v {print $c}' "$OUT/runs.txt" | median)"; done
  echo "$v$row" >> "$OUT/medians.tmp"
  # shellcheck disable=SC2086
  printf '%-50s %8ss %8ss %8s ms %5s ms %6s ms\n' "$v" $row
done
if grep -q '^none ' "$OUT/medians.tmp"; then
  echo "ratio of medians to none (Started / running / first 200 / cpu / main-thread cpu):"
  awk '$1 == "none" {for (c = 2; c <= 6; c++) base[c] = $c; next} {r[NR] = $0}
       END {for (i in r) {split(r[i], f, " "); printf "%-50s %.3f %.3f %.3f %.3f %.3f\n", f[1], f[2] / base[2], f[3] / base[3], f[4] / base[4], f[5] / base[5], f[6] / base[6]}}' \
       "$OUT/medians.tmp"
fi
rm -f "$OUT/medians.tmp"
# the same, round by round (each variant against the none run of its own round), then the median
if [ "$1" = none ]; then
  echo "median of the per-round ratios to none (Started / running / first 200 / cpu / main-thread cpu):"
  for v in "${@:2}"; do
    row=""
    for col in 2 3 4 5 6; do
      row="$row $(awk -v v="$v" -v c=$col '$1 == "none" {base = $c} $1 == v {printf "%.4f\n", $c / base}' "$OUT/runs.txt" | median)"
    done
    # shellcheck disable=SC2086
    printf '%-50s %.3f %.3f %.3f %.3f %.3f\n' "$v" $row
  done
fi
