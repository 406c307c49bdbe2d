package io.heapguard.core;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts values (allocated/estimate ratios in thousandths) in log-linear buckets: one atomic
 * increment per value, read without ever waiting for a writer.
 *
 * <p>Design: a value goes to the bucket named by its highest set bit and the {@link #SUB_BUCKET_BITS}
 * bits below it (as HdrHistogram does), so every bucket is within about 3% of its values; values
 * below {@link #SUB_BUCKETS} are exact. A writer does two independent atomic updates (its bucket,
 * then the maximum). There is no phase, lock or critical section: a writer interrupted half-way (a
 * {@code StackOverflowError} on the release path) loses or half-records its own value and nothing
 * else, and a reader sums what it sees. (HdrHistogram's {@code Recorder} made the reader wait for
 * every writer to leave its critical section: one abandoned writer hung every later stats read.)
 */
final class RatioHistogram {

    /** 32 sub-buckets per power of two: about 3% relative precision. */
    private static final int SUB_BUCKET_BITS = 5;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    private static final double PERCENT = 100.0;

    private final long maxValue;
    private final AtomicLongArray counts;
    private final AtomicLong max = new AtomicLong();

    /** @param maxValue larger values are recorded as this one */
    RatioHistogram(long maxValue) {
        this.maxValue = maxValue;
        this.counts = new AtomicLongArray(indexOf(maxValue) + 1);
    }

    /** Records one value; does not allocate. */
    void record(long value) {
        long clamped = value < 0 ? 0 : value > maxValue ? maxValue : value;
        counts.getAndIncrement(indexOf(clamped));
        long seen = max.get();
        // retries only while this value is still a new maximum and another writer moved the maximum
        while (clamped > seen && !max.compareAndSet(seen, clamped)) {
            seen = max.get();
        }
    }

    /** Count, p50, p90, p99 and max of everything recorded so far (each percentile at most the max). */
    Summary summary() {
        long[] seen = new long[counts.length()];
        long total = 0;
        for (int i = 0; i < seen.length; i++) {
            seen[i] = counts.get(i);
            total += seen[i];
        }
        if (total == 0) {
            return new Summary(0, 0, 0, 0, 0);
        }
        long highest = max.get();
        return new Summary(total, percentile(seen, total, 50, highest), percentile(seen, total, 90, highest),
                percentile(seen, total, 99, highest), highest);
    }

    record Summary(long count, long p50, long p90, long p99, long max) {
    }

    private static long percentile(long[] seen, long total, double percentile, long highest) {
        long rank = Math.max(1, (long) Math.ceil(percentile / PERCENT * total));
        long cumulative = 0;
        for (int i = 0; i < seen.length; i++) {
            cumulative += seen[i];
            if (cumulative >= rank) {
                return Math.min(highestOf(i), highest);
            }
        }
        return highest; // a writer's maximum landed before its bucket count: the maximum is the answer
    }

    static int indexOf(long value) {
        if (value < SUB_BUCKETS) {
            return (int) value;
        }
        int shift = (Long.SIZE - 1 - Long.numberOfLeadingZeros(value)) - SUB_BUCKET_BITS;
        int sub = (int) (value >>> shift) - SUB_BUCKETS;
        return SUB_BUCKETS + shift * SUB_BUCKETS + sub;
    }

    /** The smallest value of bucket {@code index}. */
    static long lowestOf(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int shift = (index - SUB_BUCKETS) / SUB_BUCKETS;
        int sub = (index - SUB_BUCKETS) % SUB_BUCKETS;
        return (long) (SUB_BUCKETS + sub) << shift;
    }

    /** The largest value of bucket {@code index}. */
    static long highestOf(int index) {
        return lowestOf(index + 1) - 1;
    }
}
