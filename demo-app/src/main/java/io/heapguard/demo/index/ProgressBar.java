package io.heapguard.demo.index;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on a terminal stream (stderr), redrawn at most every few hundred ms. */
public final class ProgressBar {

    private static final long REDRAW_INTERVAL_NANOS = 250_000_000L;
    private static final int BAR_WIDTH_CHARS = 30;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private long done;
    private long lastDrawNanos;

    public ProgressBar(String label, long total, PrintStream out) {
        this.label = label;
        this.total = Math.max(1, total);
        this.out = out;
    }

    public void advance(long count) {
        done += count;
        long now = System.nanoTime();
        if (now - lastDrawNanos >= REDRAW_INTERVAL_NANOS) {
            lastDrawNanos = now;
            draw(now);
        }
    }

    public void finish() {
        draw(System.nanoTime());
        out.println();
    }

    private void draw(long now) {
        double fraction = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * BAR_WIDTH_CHARS);
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = done / seconds;
        long etaSeconds = rate > 0 ? Math.round((total - done) / rate) : 0;
        out.print(String.format(Locale.ROOT, "\r%s [%s%s] %3d%% %d/%d docs, %.0f docs/s, %ds elapsed, eta %ds ",
                label, "#".repeat(filled), ".".repeat(BAR_WIDTH_CHARS - filled), Math.round(fraction * 100),
                done, total, rate, Math.round(seconds), Math.max(0, etaSeconds)));
        out.flush();
    }
}
