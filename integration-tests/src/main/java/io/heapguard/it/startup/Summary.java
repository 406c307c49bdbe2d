package io.heapguard.it.startup;

import java.util.Arrays;
import java.util.Collection;

/**
 * Min, median and max of a few timings, in milliseconds. With a handful of runs the median is the
 * honest centre: one slow outlier (a GC of the host, a cron job) moves the mean but not it.
 */
record Summary(int count, double minMillis, double medianMillis, double maxMillis) {

    private static final double NANOS_PER_MILLI = 1_000_000.0;

    static Summary ofNanos(Collection<Long> nanos) {
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("no timings to summarise");
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = sorted.length;
        // an even count has two middle values: their mean, as every statistics package does
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2;
        return new Summary(n, sorted[0] / NANOS_PER_MILLI, median / NANOS_PER_MILLI, sorted[n - 1] / NANOS_PER_MILLI);
    }

    static Summary ofNanos(long... nanos) {
        return ofNanos(Arrays.stream(nanos).boxed().toList());
    }
}
