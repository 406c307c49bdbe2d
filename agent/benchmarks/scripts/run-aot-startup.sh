#!/usr/bin/env bash
# Start-up of the hello-world apps with and without the heapguard agent, each with and without a
# JDK 24+ AOT cache (JEP 483) made by a training run of exactly that command. Shows what the AOT
# recipe in docs/benchmarks.md#start-up buys. Needs hyperfine (apt-get install hyperfine).
#
#   [JAVA=/path/to/jdk25/bin/java] [OUT=dir] agent/benchmarks/scripts/run-aot-startup.sh [runs]
#
# JAVA defaults to /usr/lib/jvm/temurin-25-jdk-amd64/bin/java; OUT to agent/benchmarks/target/aot-startup.
# Builds nothing. Build first, from the repository root: ./mvnw -B -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/../../.."

JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
OUT=${OUT:-agent/benchmarks/target/aot-startup}
RUNS=${1:-10}
AGENT=agent/javaagent/target/heapguard-agent.jar
API=$(ls agent/api/target/heapguard-api-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -1 || true)
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 1; }
[ -x "$JAVA" ] || { echo "no JDK at $JAVA: set JAVA to a JDK 24+ java" >&2; exit 1; }
[ -f "$AGENT" ] && [ -n "$API" ] || { echo "build first: ./mvnw -B -q -DskipTests package" >&2; exit 1; }

mkdir -p "$OUT/src" "$OUT/classes"
OUT=$(cd "$OUT" && pwd)
cp "$AGENT" "$OUT/heapguard-agent.jar"
cp "$API" "$OUT/heapguard-api.jar"
cat > "$OUT/src/Hello.java" <<'JAVA'
public class Hello {
  public static void main(String[] a) { System.out.println("hello"); }
}
JAVA
cat > "$OUT/src/HelloAnnotated.java" <<'JAVA'
import io.heapguard.MemoryAware;
public class HelloAnnotated {
  @MemoryAware(estimate = "n * 1KB") static int work(int n) { return n; }
  public static void main(String[] a) { System.out.println("hello " + work(3)); }
}
JAVA
"$(dirname "$JAVA")/javac" -parameters -cp "$OUT/heapguard-api.jar" -d "$OUT/classes" "$OUT"/src/*.java
# AOT caches accept jars only on the class path, not directories
(cd "$OUT/classes" && "$(dirname "$JAVA")/jar" cf "$OUT/apps.jar" ./*.class)
CP="$OUT/apps.jar:$OUT/heapguard-api.jar"
AGENT_OPT="-javaagent:$OUT/heapguard-agent.jar"

{
  echo "start: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "uptime before: $(uptime)"
  echo "nproc: $(nproc)"
  "$JAVA" -version 2>&1 | sed 's/^/java: /'
} > "$OUT/machine.txt"

# one training run per measured command: the cache must come from the same command line
for app in Hello HelloAnnotated; do
  "$JAVA" -XX:AOTCacheOutput="$OUT/$app.aot" -cp "$CP" $app > /dev/null 2>&1
  "$JAVA" -XX:AOTCacheOutput="$OUT/$app-heapguard.aot" "$AGENT_OPT" -cp "$CP" $app > /dev/null 2>&1
done

hyperfine -N --warmup 2 --runs "$RUNS" --export-markdown "$OUT/aot-startup.md" --export-json "$OUT/aot-startup.json" \
  -n "hello" "$JAVA -cp $CP Hello" \
  -n "hello+heapguard" "$JAVA $AGENT_OPT -cp $CP Hello" \
  -n "hello, AOT cache" "$JAVA -XX:AOTCache=$OUT/Hello.aot -cp $CP Hello" \
  -n "hello+heapguard, AOT cache" "$JAVA -XX:AOTCache=$OUT/Hello-heapguard.aot $AGENT_OPT -cp $CP Hello" \
  -n "annotated" "$JAVA -cp $CP HelloAnnotated" \
  -n "annotated+heapguard" "$JAVA $AGENT_OPT -cp $CP HelloAnnotated" \
  -n "annotated, AOT cache" "$JAVA -XX:AOTCache=$OUT/HelloAnnotated.aot -cp $CP HelloAnnotated" \
  -n "annotated+heapguard, AOT cache" "$JAVA -XX:AOTCache=$OUT/HelloAnnotated-heapguard.aot $AGENT_OPT -cp $CP HelloAnnotated"
echo "uptime after: $(uptime)" >> "$OUT/machine.txt"
echo "wrote $OUT/aot-startup.md"
