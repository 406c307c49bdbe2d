package io.heapguard.it.overload;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

/**
 * Draws heap after each GC pause over time (from the GC log, see {@link GcLog}) for the unguarded run, the best bulkhead
 * without OOM and heapguard — one panel per workload shape — with heapguard's budget and the
 * {@code -Xmx} drawn as horizontal lines and an OOM death marked where it happened. Java2D only,
 * so it works headless.
 */
public final class HeapChart {

    private static final int WIDTH_PX = 1100;
    private static final int PANEL_HEIGHT_PX = 400;
    private static final int LEFT_MARGIN_PX = 70;
    private static final int RIGHT_MARGIN_PX = 230;
    private static final int TOP_MARGIN_PX = 40;
    private static final int BOTTOM_MARGIN_PX = 45;
    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;
    private static final Color NONE_COLOR = new Color(0xD62728);
    private static final Color BULKHEAD_COLOR = new Color(0x1F77B4);
    private static final Color HEAPGUARD_COLOR = new Color(0x2CA02C);
    private static final Color BUDGET_COLOR = new Color(0xFF7F0E);
    private static final Color GRID_COLOR = new Color(0xE0E0E0);

    private HeapChart() {
    }

    public static void write(Path png, Map<String, List<RunResult>> runsByShape, long xmxBytes) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH_PX, PANEL_HEIGHT_PX * Math.max(1, runsByShape.size()),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            int top = 0;
            for (Map.Entry<String, List<RunResult>> shape : runsByShape.entrySet()) {
                drawPanel(g, top, shape.getKey(), shape.getValue(), xmxBytes);
                top += PANEL_HEIGHT_PX;
            }
        } finally {
            g.dispose();
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer available to write " + png);
        }
    }

    private record Series(RunResult run, Color color) {
    }

    private static void drawPanel(Graphics2D g, int top, String shape, List<RunResult> runs, long xmxBytes) {
        List<Series> series = new ArrayList<>();
        ComparisonReport.first(runs, Protection.Kind.NONE).ifPresent(r -> series.add(new Series(r, NONE_COLOR)));
        ComparisonReport.bestSurvivingBulkhead(runs).ifPresent(r -> series.add(new Series(r, BULKHEAD_COLOR)));
        Optional<RunResult> heapguard = ComparisonReport.first(runs, Protection.Kind.HEAPGUARD);
        heapguard.ifPresent(r -> series.add(new Series(r, HEAPGUARD_COLOR)));

        long maxMillis = 1;
        for (RunResult run : runs) {
            maxMillis = Math.max(maxMillis, run.load().plannedMillis());
            for (HeapSample s : run.gcSamples()) {
                maxMillis = Math.max(maxMillis, s.atMillis());
            }
        }
        double yMaxMib = xmxBytes / BYTES_PER_MIB * 1.05;
        Plot plot = new Plot(LEFT_MARGIN_PX, top + TOP_MARGIN_PX, WIDTH_PX - LEFT_MARGIN_PX - RIGHT_MARGIN_PX,
                PANEL_HEIGHT_PX - TOP_MARGIN_PX - BOTTOM_MARGIN_PX, maxMillis, yMaxMib);

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString("Heap after GC (G1 pauses, GC log) — workload: " + shape, LEFT_MARGIN_PX, top + 22);
        drawAxes(g, plot);

        drawHorizontal(g, plot, xmxBytes / BYTES_PER_MIB, Color.GRAY, "-Xmx " + mib(xmxBytes) + " MiB");
        long budget = heapguard.map(RunResult::budgetBytes).filter(b -> b > 0).orElse(-1L);
        if (budget > 0) {
            drawHorizontal(g, plot, budget / BYTES_PER_MIB, BUDGET_COLOR, "heapguard budget " + mib(budget) + " MiB");
        }

        int legendY = top + TOP_MARGIN_PX + 70;
        for (Series s : series) {
            drawSeries(g, plot, s);
            g.setColor(s.color());
            g.setStroke(new BasicStroke(3f));
            int legendX = WIDTH_PX - RIGHT_MARGIN_PX + 15;
            g.drawLine(legendX, legendY - 4, legendX + 25, legendY - 4);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(s.run().label() + (s.run().outOfMemory() ? " (OOM)" : ""), legendX + 32, legendY);
            legendY += 20;
        }
    }

    private static void drawSeries(Graphics2D g, Plot plot, Series s) {
        g.setColor(s.color());
        g.setStroke(new BasicStroke(2f));
        List<HeapSample> samples = s.run().gcSamples().stream().filter(h -> h.atMillis() >= 0).toList();
        for (int i = 1; i < samples.size(); i++) {
            HeapSample a = samples.get(i - 1);
            HeapSample b = samples.get(i);
            g.drawLine(plot.x(a.atMillis()), plot.y(a.liveAfterGc() / BYTES_PER_MIB),
                    plot.x(b.atMillis()), plot.y(b.liveAfterGc() / BYTES_PER_MIB));
        }
        if (s.run().outOfMemory() && s.run().diedAtMillis() >= 0) {
            int x = plot.x(s.run().diedAtMillis());
            int y = plot.y(plot.yMaxMib() * 0.97);
            g.setStroke(new BasicStroke(3f));
            g.drawLine(x - 7, y - 7, x + 7, y + 7);
            g.drawLine(x - 7, y + 7, x + 7, y - 7);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
            g.drawString("OOM", x + 9, y + 4);
        }
    }

    private static void drawAxes(Graphics2D g, Plot plot) {
        g.setStroke(new BasicStroke(1f));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        final int ticks = 5;
        for (int i = 0; i <= ticks; i++) {
            double mib = plot.yMaxMib() * i / ticks;
            int y = plot.y(mib);
            g.setColor(GRID_COLOR);
            g.drawLine(plot.left(), y, plot.left() + plot.width(), y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.0f", mib), plot.left() - 35, y + 4);
            long millis = plot.maxMillis() * i / ticks;
            int x = plot.x(millis);
            g.drawString(String.format(Locale.ROOT, "%.0f s", millis / 1000.0), x - 10, plot.top() + plot.height() + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(plot.left(), plot.top(), plot.width(), plot.height());
        g.drawString("MiB", 15, plot.top() + plot.height() / 2);
        g.drawString("time since load start", plot.left() + plot.width() / 2 - 50, plot.top() + plot.height() + 36);
    }

    private static void drawHorizontal(Graphics2D g, Plot plot, double mib, Color color, String label) {
        Stroke dashed = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f);
        g.setColor(color);
        g.setStroke(dashed);
        int y = plot.y(mib);
        g.drawLine(plot.left(), y, plot.left() + plot.width(), y);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(label, plot.left() + plot.width() + 8, y + 4);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f", bytes / BYTES_PER_MIB);
    }

    /** Maps data coordinates (ms, MiB) to pixels. */
    private record Plot(int left, int top, int width, int height, long maxMillis, double yMaxMib) {
        int x(long millis) {
            return left + (int) Math.round((double) Math.min(millis, maxMillis) / maxMillis * width);
        }

        int y(double mib) {
            return top + height - (int) Math.round(Math.min(mib, yMaxMib) / yMaxMib * height);
        }
    }
}
