package io.heapguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RatioHistogramTest {

    /** Bucket width relative to its values: 1/32. */
    private static final double RELATIVE_TOLERANCE = 1.0 / 32;
    private static final long MAX = 1_000_000_000L;

    @Test
    void summary_empty_allZero() {
        assertThat(new RatioHistogram(MAX).summary()).isEqualTo(new RatioHistogram.Summary(0, 0, 0, 0, 0));
    }

    @Test
    void summary_smallValues_exact() {
        RatioHistogram histogram = new RatioHistogram(MAX);
        for (int v = 1; v <= 10; v++) {
            histogram.record(v);
        }
        RatioHistogram.Summary s = histogram.summary();
        assertThat(s.count()).isEqualTo(10);
        assertThat(s.p50()).isEqualTo(5);
        assertThat(s.p90()).isEqualTo(9);
        assertThat(s.p99()).isEqualTo(10);
        assertThat(s.max()).isEqualTo(10);
    }

    @Test
    void summary_randomValues_percentilesWithinBucketWidthOfExactOnes() {
        RatioHistogram histogram = new RatioHistogram(MAX);
        Random random = new Random(42);
        long[] values = new long[10_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.exp(random.nextDouble() * Math.log(MAX));
            histogram.record(values[i]);
        }
        Arrays.sort(values);
        RatioHistogram.Summary s = histogram.summary();
        assertThat(s.count()).isEqualTo(values.length);
        assertThat(s.max()).isEqualTo(values[values.length - 1]);
        assertWithin(s.p50(), exactPercentile(values, 50));
        assertWithin(s.p90(), exactPercentile(values, 90));
        assertWithin(s.p99(), exactPercentile(values, 99));
    }

    @Test
    void record_outOfRange_clamped() {
        RatioHistogram histogram = new RatioHistogram(MAX);
        histogram.record(-5);
        histogram.record(Long.MAX_VALUE);
        RatioHistogram.Summary s = histogram.summary();
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.p50()).isZero();
        assertThat(s.max()).isEqualTo(MAX);
    }

    @Test
    void buckets_coverEveryValueOnce() {
        for (long v : new long[] {0, 1, 31, 32, 33, 63, 64, 65, 1000, 123_456_789, MAX}) {
            int index = RatioHistogram.indexOf(v);
            assertThat(RatioHistogram.lowestOf(index)).as("lowest of bucket of " + v).isLessThanOrEqualTo(v);
            assertThat(RatioHistogram.highestOf(index)).as("highest of bucket of " + v).isGreaterThanOrEqualTo(v);
        }
        for (int index = 0; index < RatioHistogram.indexOf(MAX); index++) {
            assertThat(RatioHistogram.lowestOf(index + 1)).isEqualTo(RatioHistogram.highestOf(index) + 1);
        }
    }

    private static long exactPercentile(long[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static void assertWithin(long reported, long exact) {
        assertThat((double) reported).isBetween(exact * (1 - RELATIVE_TOLERANCE), exact * (1 + RELATIVE_TOLERANCE) + 1);
    }
}
