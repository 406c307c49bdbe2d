package io.heapguard.it.overload;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.heapguard.it.report.TextTable;

import org.HdrHistogram.Histogram;

/** Turns the runs of a comparison into the side-by-side table and a short verdict per workload shape. */
public final class ComparisonReport {

    private static final double MICROS_PER_MILLI = 1_000.0;
    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    private final List<RunResult> runs;

    public ComparisonReport(List<RunResult> runs) {
        this.runs = List.copyOf(runs);
    }

    /** Runs grouped by workload shape, in run order. */
    public Map<String, List<RunResult>> byShape() {
        return runs.stream().collect(Collectors.groupingBy(r -> r.spec().shape().name(), LinkedHashMap::new,
                Collectors.toList()));
    }

    /** The bulkhead run with the highest goodput among those that did not die of OOM. */
    public static Optional<RunResult> bestSurvivingBulkhead(List<RunResult> shapeRuns) {
        return shapeRuns.stream()
                .filter(r -> r.spec().protection().kind() == Protection.Kind.BULKHEAD && !r.outOfMemory())
                .max(Comparator.comparingDouble(r -> r.load().goodputPerSecond()));
    }

    public static Optional<RunResult> first(List<RunResult> shapeRuns, Protection.Kind kind) {
        return shapeRuns.stream().filter(r -> r.spec().protection().kind() == kind).findFirst();
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        byShape().forEach((shape, shapeRuns) -> md.append("### ").append(shape).append("\n\n")
                .append(table(shapeRuns).toMarkdown()).append('\n').append(verdict(shapeRuns)).append("\n\n")
                .append("Per request kind (ok / sent; \"+n mid-answer\": served, still being read when the run was"
                        + " cut off):\n\n").append(perKindTable(shapeRuns).toMarkdown()).append('\n'));
        return md.toString();
    }

    public String text() {
        StringBuilder text = new StringBuilder();
        byShape().forEach((shape, shapeRuns) -> text.append("== ").append(shape).append(" ==\n")
                .append(table(shapeRuns).toText()).append(verdict(shapeRuns)).append("\n")
                .append("per request kind, ok / sent (+n mid-answer: served, still being read at the cut-off):\n")
                .append(perKindTable(shapeRuns).toText()).append('\n'));
        return text.toString();
    }

    private static TextTable table(List<RunResult> shapeRuns) {
        TextTable table = new TextTable(List.of("protection", "OOM", "goodput ok/s", "ok", "sent", "429 by reason",
                "400", "errors", "cut off", "p50 ms", "p99 ms", "max heap after GC MiB", "/health missed"));
        for (RunResult run : shapeRuns) {
            LoadResult load = run.load();
            Histogram latency = load.okLatencyMicros();
            boolean anyOk = latency.getTotalCount() > 0;
            table.addRow(List.of(
                    run.label(),
                    run.outOfMemory() ? "YES at " + seconds(run.diedAtMillis()) : (run.exitedByItself() ? "exit " + run.exitCode() : "no"),
                    String.format(Locale.ROOT, "%.1f", load.goodputPerSecond()),
                    Long.toString(load.ok()),
                    Long.toString(load.sent()),
                    reasons(load.rejectedByReason()),
                    Long.toString(load.badRequests()),
                    Long.toString(load.ioErrors() + load.incomplete() + load.otherStatus()),
                    Long.toString(load.cutOff()),
                    anyOk ? millis(latency.getValueAtPercentile(50)) : "-",
                    anyOk ? millis(latency.getValueAtPercentile(99)) : "-",
                    run.maxHeapAfterGc() < 0 ? "-" : mib(run.maxHeapAfterGc()),
                    Long.toString(run.unansweredPolls())));
        }
        return table;
    }

    /**
     * Which kinds of request each protection served: a protection may win goodput by refusing the
     * heavy ones. "ok / sent", plus the answers served but still being read when the run was cut off
     * ("mid-answer": under slow readers a batch answer takes longer to read than the run lasts).
     */
    private static TextTable perKindTable(List<RunResult> shapeRuns) {
        List<String> headers = new ArrayList<>();
        headers.add("protection");
        for (OverloadKind kind : OverloadKind.values()) {
            headers.add(kind.label());
        }
        TextTable table = new TextTable(headers);
        for (RunResult run : shapeRuns) {
            List<String> row = new ArrayList<>();
            row.add(run.label());
            for (OverloadKind kind : OverloadKind.values()) {
                KindCounts c = run.load().perKind().get(kind);
                row.add(c == null ? "-" : c.ok() + " / " + c.sent()
                        + (c.cutOffMidAnswer() > 0 ? " (+" + c.cutOffMidAnswer() + " mid-answer)" : ""));
            }
            table.addRow(row);
        }
        return table;
    }

    /** One or two sentences: did heapguard survive, and how its goodput compares with the best safe bulkhead. */
    public static String verdict(List<RunResult> shapeRuns) {
        List<String> lines = new ArrayList<>();
        first(shapeRuns, Protection.Kind.NONE).ifPresent(none -> lines.add(none.outOfMemory()
                ? "Unguarded: died of OutOfMemoryError " + seconds(none.diedAtMillis()) + " after the load started."
                : "Unguarded: survived this run (the overload was not enough to kill it)."));
        Optional<RunResult> heapguard = first(shapeRuns, Protection.Kind.HEAPGUARD);
        Optional<RunResult> bulkhead = bestSurvivingBulkhead(shapeRuns);
        heapguard.ifPresent(hg -> {
            lines.add("heapguard: " + (hg.outOfMemory() ? "DIED of OutOfMemoryError" : "no OOM")
                    + (hg.budgetBytes() > 0 ? String.format(Locale.ROOT, ", max heap after GC %s MiB vs budget %s MiB (%s)",
                    mib(hg.maxHeapAfterGc()), mib(hg.budgetBytes()), hg.maxHeapAfterGc() <= hg.budgetBytes() ? "under" : "OVER") : "")
                    + ".");
            lines.add(bulkhead.map(b -> String.format(Locale.ROOT,
                            "Goodput heapguard / best bulkhead without OOM (%s): %.1f / %.1f = %.2fx.", b.label(),
                            hg.load().goodputPerSecond(), b.load().goodputPerSecond(),
                            ratio(hg.load().goodputPerSecond(), b.load().goodputPerSecond())))
                    .orElse("Every bulkhead setting died of OutOfMemoryError."));
        });
        return String.join("\n", lines);
    }

    private static double ratio(double a, double b) {
        return b == 0 ? Double.POSITIVE_INFINITY : a / b;
    }

    private static String reasons(Map<String, Long> byReason) {
        return byReason.isEmpty() ? "0" : byReason.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f", bytes / BYTES_PER_MIB);
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / MICROS_PER_MILLI);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
