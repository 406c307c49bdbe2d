package io.heapguard.it.overload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap occupancy after each GC pause, read from the service's {@code -Xlog:gc:file=...:uptime}.
 *
 * <p>Why not the demo's {@code /health liveHeapAfterGc}: an HTTP poll goes unanswered exactly when
 * the service is busiest (the figure itself now follows the last GC; until 2026-11-27 it summed pool
 * collection usage and lagged far behind under G1). The GC log is the JVM's own account, the same
 * for every protection, and is written even when the service is too busy to answer HTTP. "After GC" here still includes old-generation garbage between marking
 * cycles: it is an upper bound of the live heap, and the quantity that must stay under -Xmx.
 */
public final class GcLog {

    /** {@code [12.705s] GC(4) Pause Young (...) 30M->9M(256M) 20.649ms} */
    private static final Pattern PAUSE = Pattern.compile(
            "^\\[(\\d+(?:\\.\\d+)?)s\\].*GC\\(\\d+\\) Pause .*?(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private GcLog() {
    }

    /**
     * @param uptimeAtOriginMillis the JVM's uptime at the moment samples are measured from (negative
     *                             times are kept: they are pauses before the load started)
     */
    public static List<HeapSample> heapAfterPauses(Path log, long uptimeAtOriginMillis) throws IOException {
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        List<HeapSample> samples = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                long uptimeMillis = Math.round(Double.parseDouble(m.group(1)) * 1000);
                long before = bytes(m.group(2), m.group(3));
                long after = bytes(m.group(4), m.group(5));
                samples.add(new HeapSample(uptimeMillis - uptimeAtOriginMillis, after, before));
            }
        }
        return List.copyOf(samples);
    }

    private static long bytes(String amount, String unit) {
        long value = Long.parseLong(amount);
        return switch (unit) {
            case "K" -> value << 10;
            case "M" -> value << 20;
            case "G" -> value << 30;
            default -> throw new IllegalArgumentException("unknown GC log unit '" + unit + "' (allowed: K, M, G)");
        };
    }
}
