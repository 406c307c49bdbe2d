#!/usr/bin/env python3
"""Turns a JMH JSON result file (-rf json) of the heapguard benchmarks into the Markdown table
of docs/benchmarks.md: one row per benchmark, AverageTime score with its 99.9% error, the
SampleTime median and p99, the allocation per operation from -prof gc (every thread of the
JVM, the guard's background threads included) and the bytes the benchmark threads themselves
allocated (CallerAllocation), summed over all measured iterations of all forks.

usage: jmh_table.py results.json
"""
import json
import sys


def fmt(value, digits=1):
    if value is None or isinstance(value, str):  # JMH writes "NaN" when it has no error estimate
        return "n/a"
    if value != value:
        return "n/a"
    return f"{value:.{digits}f}"


def main(path):
    rows = {}
    for result in json.load(open(path)):
        name = result["benchmark"].replace("io.heapguard.benchmarks.", "")
        row = rows.setdefault(name, {"threads": result["threads"]})
        primary = result["primaryMetric"]
        gc = result.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        caller = result.get("secondaryMetrics", {}).get("callerAllocatedBytes")
        if caller and result["mode"] == "avgt":  # SampleTime's own sample buffer allocates
            row["caller"] = caller["score"]
        if result["mode"] == "avgt":
            row["avgt"] = primary["score"]
            row["avgt_error"] = primary["scoreError"]
            if gc:
                row["alloc"] = gc["score"]
                row["alloc_error"] = gc["scoreError"]
            rate = result.get("secondaryMetrics", {}).get("gc.alloc.rate")
            if rate:
                row["rate"] = rate["score"]
        elif result["mode"] == "sample":
            row["p50"] = primary["scorePercentiles"]["50.0"]
            row["p99"] = primary["scorePercentiles"]["99.0"]
            if gc and "alloc" not in row:
                row["alloc"] = gc["score"]
                row["alloc_error"] = gc["scoreError"]
    print("| benchmark | threads | avgt ns/op (± 99.9% error) | sample p50 ns | sample p99 ns "
          "| gc.alloc.rate.norm B/op (± error) | JVM alloc MB/s | caller-thread bytes, all avgt iterations |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, row in rows.items():
        avgt = f"{fmt(row.get('avgt'))} ± {fmt(row.get('avgt_error'))}" if "avgt" in row else "n/a"
        alloc = f"{fmt(row.get('alloc'), 2)} ± {fmt(row.get('alloc_error'), 2)}" if "alloc" in row else "n/a"
        caller = fmt(row.get("caller"), 0) if "caller" in row else "n/a"
        print(f"| `{name}` | {row['threads']} | {avgt} | {fmt(row.get('p50'), 0)} | {fmt(row.get('p99'), 0)} "
              f"| {alloc} | {fmt(row.get('rate'), 2)} | {caller} |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
