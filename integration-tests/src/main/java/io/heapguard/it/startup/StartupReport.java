package io.heapguard.it.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.heapguard.it.report.TextTable;

/**
 * Turns the runs into the comparison: per variant and measure, min / median / max of the measured
 * (not warm-up) runs, and the median's distance from the baseline's median (delta ms, delta %,
 * ratio of the medians). Headers are ASCII: the console may not print UTF-8. Also the raw runs as
 * CSV, one row per run, so any other statistic can be computed later.
 */
final class StartupReport {

    static final List<String> HEADERS = List.of("variant", "measure", "runs", "min ms", "median ms", "max ms",
            "delta ms", "delta %", "ratio");
    /** Variant and measure read as text; the rest are figures. */
    private static final int TEXT_COLUMNS = 2;

    /** One line of the table; {@code baseline} is null for a baseline's own rows. */
    record Row(String variant, Measure measure, Summary summary, Summary baseline) {

        double deltaMillis() {
            return summary.medianMillis() - baseline.medianMillis();
        }

        double ratio() {
            return summary.medianMillis() / baseline.medianMillis();
        }
    }

    private final List<Variant> variants;
    private final List<RunSample> samples;

    StartupReport(List<Variant> variants, List<RunSample> samples) {
        this.variants = List.copyOf(variants);
        this.samples = List.copyOf(samples);
    }

    List<Row> rows() {
        Map<String, Variant> byName = variants.stream().collect(Collectors.toMap(Variant::name, Function.identity()));
        List<Row> rows = new ArrayList<>();
        for (Variant variant : variants) {
            for (Measure measure : Measure.values()) {
                Summary summary = summarise(variant.name(), measure);
                if (summary == null) {
                    continue;
                }
                Summary baseline = null;
                if (!variant.isBaseline()) {
                    if (!byName.containsKey(variant.baseline())) {
                        throw new IllegalStateException("baseline '" + variant.baseline() + "' of '" + variant.name()
                                + "' is not among the variants " + byName.keySet());
                    }
                    baseline = summarise(variant.baseline(), measure);
                }
                rows.add(new Row(variant.name(), measure, summary, baseline));
            }
        }
        return rows;
    }

    /** Null when the variant has no measured run with this measure. */
    private Summary summarise(String variant, Measure measure) {
        List<Long> nanos = samples.stream()
                .filter(s -> !s.warmup() && s.variant().equals(variant) && s.has(measure))
                .map(s -> s.nanos(measure))
                .toList();
        return nanos.isEmpty() ? null : Summary.ofNanos(nanos);
    }

    TextTable table() {
        TextTable table = new TextTable(HEADERS, TEXT_COLUMNS);
        for (Row row : rows()) {
            Summary s = row.summary();
            boolean compared = row.baseline() != null;
            table.addRow(List.of(row.variant(), row.measure().label(), Integer.toString(s.count()),
                    millis(s.minMillis()), millis(s.medianMillis()), millis(s.maxMillis()),
                    compared ? String.format(Locale.ROOT, "%+.1f", row.deltaMillis()) : "baseline",
                    compared ? String.format(Locale.ROOT, "%+.1f%%", (row.ratio() - 1) * 100) : "-",
                    compared ? String.format(Locale.ROOT, "%.2f", row.ratio()) : "-"));
        }
        return table;
    }

    String csv() {
        StringBuilder csv = new StringBuilder("variant,baseline,round,warmup");
        for (Measure measure : Measure.values()) {
            csv.append(',').append(measure.csvColumn());
        }
        csv.append('\n');
        Map<String, Variant> byName = variants.stream().collect(Collectors.toMap(Variant::name, Function.identity()));
        for (RunSample sample : samples) {
            Variant variant = byName.get(sample.variant());
            csv.append(sample.variant()).append(',')
                    .append(variant == null || variant.isBaseline() ? "" : variant.baseline()).append(',')
                    .append(sample.round()).append(',').append(sample.warmup());
            for (Measure measure : Measure.values()) {
                csv.append(',');
                if (sample.has(measure)) {
                    csv.append(String.format(Locale.ROOT, "%.3f", sample.nanos(measure) / 1e6));
                }
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
