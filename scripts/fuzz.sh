#!/usr/bin/env bash
# Runs one Jazzer fuzz test in fuzzing mode for a while and prints how many inputs it ran.
#
#   scripts/fuzz.sh <module> <TestClass#method> <seconds>
#   scripts/fuzz.sh agent/javaagent EstimateFuzzTest#parseAndEvaluate 180
#   scripts/fuzz.sh demo-app HttpParsingFuzzTest#batchBody 180
#
# A finding is written as crash-<sha1> into the test's inputs directory under src/test/resources,
# where every later build replays it (rename it finding-<what> once fixed). The generated corpus
# goes to <module>/.cifuzz-corpus (git-ignored). Figures of the runs we did: docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
module=$1 test=$2 seconds=$3
class=${test%%#*}
mkdir -p "$module/target"
log="$module/target/fuzz-${test//#/-}.log"  # libFuzzer's progress goes to the console, not to surefire's report
# Jazzer takes jazzer.internal.arg.0 as argv[0]; the flags start at arg.1 and override @FuzzTest's maxDuration
# -am: the module and what it depends on in this build (a fixed list went stale when agent/bootstrap came)
JAZZER_FUZZ=1 ./mvnw -B -q -o test -pl "$module" -am -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
  -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time="$seconds" -Djazzer.internal.arg.2=-timeout=10 \
  >"$log" 2>&1 || status=$?
echo "== $test, $seconds s (full output: $log)"
grep -aE '^#[0-9]+' "$log" | tail -1 || true
grep -aE 'Done [0-9]+ runs' "$log" || true
grep -aE 'ERROR: libFuzzer|Test unit written|FuzzTestFindingException' "$log" || echo "no finding"
exit "${status:-0}"
