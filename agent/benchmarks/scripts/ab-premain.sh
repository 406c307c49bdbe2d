#!/usr/bin/env bash
# Two agent jars against each other on a hello world, interleaved (none A B none A B ...), for a
# machine too loaded for absolute timings: medians of wall and CPU (user+sys, /usr/bin/time) per
# variant, the ratio B/A of the medians, the load before and after, and one -Xlog:class+load count
# per jar (classes loaded before the main class; ours among them; whether the JVM warned that CDS
# sharing was cut to the boot loader).
#
#   agent/benchmarks/scripts/ab-premain.sh BEFORE.jar AFTER.jar [runs] [extra JVM option ...]
#
# Extra options go to both agent runs, e.g. -Xbootclasspath/a:JAR is added per jar with BOOT=1.
# The hello world is a one-line main in HELLO_DIR (default /tmp/hello, class Hello); agent options
# in OPTS (default jmx=false). Needs GNU time at /usr/bin/time.
set -euo pipefail
A=$1; B=$2; RUNS=${3:-15}; shift $(( $# < 3 ? $# : 3 ))
JAVA=${JAVA:-java}
HELLO_DIR=${HELLO_DIR:-/tmp/hello}
OPTS=${OPTS:-jmx=false}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cmd() { # variant -> command line
  case $1 in
    none) echo "$JAVA ${*:2} -cp $HELLO_DIR Hello" ;;
    *) local boot=""; [ "${BOOT:-0}" = 1 ] && boot="-Xbootclasspath/a:$1"
       echo "$JAVA $boot ${*:2} -javaagent:$1=$OPTS -cp $HELLO_DIR Hello" ;;
  esac
}

echo "load before: $(uptime)"
for ((i = 0; i < RUNS; i++)); do
  for v in none "$A" "$B"; do
    start=$(date +%s%N)
    /usr/bin/time -f "%U %S" -o "$tmp/t" $(cmd "$v" "$@") > /dev/null 2> "$tmp/err"
    end=$(date +%s%N)
    read -r user sys < "$tmp/t"
    echo "$v $(( (end - start) / 1000000 )) $(echo "($user + $sys) * 1000" | bc | cut -d. -f1)" >> "$tmp/runs"
  done
done
echo "load after:  $(uptime)"

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
for v in none "$A" "$B"; do
  wall=$(awk -v v="$v" '$1 == v {print $2}' "$tmp/runs" | median)
  cpu=$(awk -v v="$v" '$1 == v {print $3}' "$tmp/runs" | median)
  echo "$v runs=$RUNS median wall=${wall} ms cpu=${cpu} ms"
  echo "$v $wall $cpu" >> "$tmp/medians"
done
awk -v a="$A" -v b="$B" '$1 == "none" {w0 = $2; c0 = $3} $1 == a {wa = $2; ca = $3} $1 == b {wb = $2; cb = $3}
  END {printf "delta over none: A wall +%d cpu +%d ms; B wall +%d cpu +%d ms; B/A of the deltas: wall %.2f cpu %.2f\n",
       wa - w0, ca - c0, wb - w0, cb - c0, (wb - w0) / (wa - w0), (cb - c0) / (ca - c0)}' "$tmp/medians"

for jar in "$A" "$B"; do
  $(cmd "$jar" -Xlog:class+load=info "$@") > "$tmp/log" 2>&1 || true
  main=$(grep -n ' Hello source' "$tmp/log" | cut -d: -f1)
  head -n "$main" "$tmp/log" > "$tmp/pre"
  echo "$jar: classes before main $(grep -c 'class,load\] [A-Za-z]' "$tmp/pre"), ours $(grep -c 'io\.heapguard' "$tmp/pre")," \
       "boot path openings of the jar $(grep -c "opened: .*$(basename "$jar")" "$tmp/log"), CDS warning $(grep -c 'Sharing is only supported' "$tmp/log")"
done
