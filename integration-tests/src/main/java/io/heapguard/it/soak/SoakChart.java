package io.heapguard.it.soak;

import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/** A plain SVG line chart of a soak run: heap and reservations against the budget, threads and classes. */
final class SoakChart {

    private static final int WIDTH = 900;
    private static final int PANEL_HEIGHT = 260;
    private static final int MARGIN = 60;
    private static final double MIB = 1024.0 * 1024.0;

    private SoakChart() {
    }

    static String svg(List<SoakSample> samples, long budgetBytes, String title) {
        StringBuilder svg = new StringBuilder();
        int height = 2 * PANEL_HEIGHT + 3 * MARGIN;
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", WIDTH, height));
        svg.append(text(MARGIN, 20, title, 14));
        double maxMib = Math.max(budgetBytes, max(samples, SoakSample::liveAfterGc)) / MIB * 1.1;
        int top = MARGIN;
        panel(svg, top, "MiB", maxMib);
        line(svg, samples, s -> s.liveAfterGc() / MIB, top, maxMib, "#2ca02c", "live heap after GC", 0);
        line(svg, samples, s -> s.reservedBytes() / MIB, top, maxMib, "#1f77b4", "reserved by the guard", 1);
        horizontal(svg, budgetBytes / MIB, top, maxMib, "#ff7f0e", "budget (maxHeap)", 2);
        top += PANEL_HEIGHT + MARGIN;
        double maxCount = Math.max(max(samples, SoakSample::threads), max(samples, s -> s.loadedClasses() / 100)) * 1.2 + 1;
        panel(svg, top, "count", maxCount);
        line(svg, samples, s -> s.threads(), top, maxCount, "#d62728", "JVM threads", 0);
        line(svg, samples, s -> s.heapguardThreads(), top, maxCount, "#9467bd", "heapguard threads", 1);
        line(svg, samples, s -> s.loadedClasses() / 100.0, top, maxCount, "#8c564b", "loaded classes / 100", 2);
        return svg.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder svg, int top, String unit, double max) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                MARGIN, top, plotWidth(), PANEL_HEIGHT));
        for (int i = 0; i <= 4; i++) {
            double value = max * i / 4;
            int y = top + PANEL_HEIGHT - (int) (PANEL_HEIGHT * i / 4.0);
            svg.append(text(5, y + 4, String.format(Locale.ROOT, "%.0f %s", value, unit), 11));
        }
    }

    private static void line(StringBuilder svg, List<SoakSample> samples, java.util.function.ToDoubleFunction<SoakSample> value,
                             int top, double max, String color, String label, int legendRow) {
        long lastSecond = Math.max(1, samples.isEmpty() ? 1 : samples.get(samples.size() - 1).atSeconds());
        StringBuilder points = new StringBuilder();
        for (SoakSample s : samples) {
            double v = value.applyAsDouble(s);
            if (v < 0) {
                continue;
            }
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", MARGIN + plotWidth() * (double) s.atSeconds() / lastSecond,
                    top + PANEL_HEIGHT - PANEL_HEIGHT * Math.min(v, max) / max));
        }
        svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", color, points));
        legend(svg, top, color, label, legendRow);
    }

    private static void horizontal(StringBuilder svg, double v, int top, double max, String color, String label,
                                   int legendRow) {
        double y = top + PANEL_HEIGHT - PANEL_HEIGHT * v / max;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"6,4\"/>%n",
                MARGIN, MARGIN + plotWidth(), y, y, color));
        legend(svg, top, color, label, legendRow);
    }

    private static void legend(StringBuilder svg, int top, String color, String label, int row) {
        int y = top + 15 + 16 * row;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/>%n", MARGIN + 10, y - 4, color));
        svg.append(text(MARGIN + 28, y, label, 11));
    }

    private static int plotWidth() {
        return WIDTH - 2 * MARGIN;
    }

    private static long max(List<SoakSample> samples, ToLongFunction<SoakSample> value) {
        return samples.stream().mapToLong(value).max().orElse(0);
    }

    private static String text(int x, int y, String text, int size) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\">%s</text>%n", x, y, size,
                text.replace("&", "&amp;").replace("<", "&lt;"));
    }
}
