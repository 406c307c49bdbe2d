#!/usr/bin/env bash
# What the agent jar's size alone costs a JVM's start: the same no-op agent (a premain that does
# nothing) packed once alone and once beside every entry of the heapguard agent jar, timed against
# each other on a hello world with ab-premain.sh. The difference is the JDK opening a jar of that
# many entries (its central directory is read and hashed in Java, interpreted, at start-up), which
# no code in premain can avoid; only a jar with fewer entries can.
#
#   agent/benchmarks/scripts/jar-size-floor.sh [runs]       (default 21; build the agent jar first)
set -euo pipefail
cd "$(dirname "$0")/../../.."
RUNS=${1:-21}
AGENT=agent/javaagent/target/heapguard-agent.jar
OUT=agent/benchmarks/target/jar-size-floor
[ -f "$AGENT" ] || { echo "missing $AGENT: build first, ./mvnw -B -q -DskipTests package" >&2; exit 1; }
rm -rf "$OUT" && mkdir -p "$OUT/classes" "$OUT/entries"
cat > "$OUT/NoopAgent.java" <<'JAVA'
public class NoopAgent {
    public static void premain(String args, java.lang.instrument.Instrumentation instrumentation) {
    }
}
JAVA
javac -d "$OUT/classes" "$OUT/NoopAgent.java"
printf 'Premain-Class: NoopAgent\n' > "$OUT/manifest.txt"
jar cfm "$OUT/noop-alone.jar" "$OUT/manifest.txt" -C "$OUT/classes" NoopAgent.class
(cd "$OUT/entries" && jar xf "../../../../../$AGENT" && rm -f META-INF/MANIFEST.MF)
cp "$OUT/classes/NoopAgent.class" "$OUT/entries/"
jar cfm "$OUT/noop-in-agent-entries.jar" "$OUT/manifest.txt" -C "$OUT/entries" .
echo "entries: $(unzip -Z1 "$OUT/noop-alone.jar" | wc -l) and $(unzip -Z1 "$OUT/noop-in-agent-entries.jar" | wc -l)"
mkdir -p "${HELLO_DIR:-/tmp/hello}"
[ -f "${HELLO_DIR:-/tmp/hello}/Hello.class" ] || {
  printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' \
    > "${HELLO_DIR:-/tmp/hello}/Hello.java"
  javac -d "${HELLO_DIR:-/tmp/hello}" "${HELLO_DIR:-/tmp/hello}/Hello.java"
}
agent/benchmarks/scripts/ab-premain.sh "$OUT/noop-alone.jar" "$OUT/noop-in-agent-entries.jar" "$RUNS"
