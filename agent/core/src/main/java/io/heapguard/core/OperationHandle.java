package io.heapguard.core;

import io.heapguard.MemoryGuardException.Reason;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One operation type's limits and counters, resolved once per name (the agent keeps one per woven
 * method) so the hot path never hashes a name. Obtain it from {@link HeapGuard#operation(String)}.
 *
 * <p>Invariants: {@code inFlightCalls <= maxConcurrent} and {@code reservedBytes <= maxInFlight}
 * at every instant (compare-and-set loops that re-check the limit on each retry, never
 * add-then-check), except in monitor mode where limits are only counted.
 */
public final class OperationHandle {

    /** Ratios allocated/estimate are recorded in thousandths, clamped to this many (a ratio of 1,000,000). */
    private static final long RATIO_MILLIS_MAX = 1_000_000_000L;
    private static final int RATIO_SIGNIFICANT_DIGITS = 2;
    private static final double MILLIS_PER_UNIT = 1000.0;
    static final long UNLIMITED = Long.MAX_VALUE;

    private final String name;
    private final long perCallLimitBytes;
    private final long maxInFlightBytes;
    private final int maxConcurrent;
    private final long defaultEstimateBytes;

    private final AtomicInteger inFlightCalls = new AtomicInteger();
    private final AtomicLong reservedBytes = new AtomicLong();
    private final AtomicLong peakReservedBytes = new AtomicLong();
    private final LongAdder admitted = new LongAdder();
    private final LongAdder estimatedBytes = new LongAdder();
    private final LongAdder allocatedBytes = new LongAdder();
    private final LongAdder[] rejected = adders();
    private final LongAdder[] wouldReject = adders();
    private final Recorder ratioRecorder = new Recorder(RATIO_MILLIS_MAX, RATIO_SIGNIFICANT_DIGITS);
    /** Guarded by itself: interval histograms from the recorder are added here when stats are read. */
    private final Histogram ratioTotal = new Histogram(RATIO_MILLIS_MAX, RATIO_SIGNIFICANT_DIGITS);
    private Histogram ratioSpare;

    OperationHandle(String name, GuardConfig config) {
        GuardConfig.OperationLimits limits = config.operation(name);
        this.name = name;
        this.maxInFlightBytes = limits.maxInFlightBytes() > 0 ? limits.maxInFlightBytes() : UNLIMITED;
        long perCall = Math.min(config.maxPerCallBytes(), config.maxHeapBytes());
        if (limits.maxPerCallBytes() > 0) {
            perCall = Math.min(perCall, limits.maxPerCallBytes());
        }
        // a call larger than the operation's whole in-flight budget can never be admitted either
        this.perCallLimitBytes = Math.min(perCall, maxInFlightBytes);
        this.maxConcurrent = limits.maxConcurrent() > 0 ? limits.maxConcurrent() : Integer.MAX_VALUE;
        this.defaultEstimateBytes = limits.defaultEstimateBytes() >= 0 ? limits.defaultEstimateBytes()
                : config.defaultEstimateBytes();
    }

    /** Loads HdrHistogram (tens of ms) on a background thread, before the first operation needs it. */
    static void preloadClasses() {
        new Recorder(RATIO_MILLIS_MAX, RATIO_SIGNIFICANT_DIGITS).getIntervalHistogram();
    }

    public String name() {
        return name;
    }

    /** The largest estimate one call of this operation may have (all per-call limits combined). */
    public long perCallLimitBytes() {
        return perCallLimitBytes;
    }

    /** The operation's in-flight byte limit, {@link Long#MAX_VALUE} when it has none. */
    public long maxInFlightBytes() {
        return maxInFlightBytes;
    }

    /** The operation's concurrency limit, {@link Integer#MAX_VALUE} when it has none. */
    public int maxConcurrent() {
        return maxConcurrent;
    }

    /** The estimate to use when a call has no usable one. */
    public long defaultEstimateBytes() {
        return defaultEstimateBytes;
    }

    /** Calls holding a reservation of this operation right now. */
    public int inFlight() {
        return inFlightCalls.get();
    }

    /** Bytes reserved by this operation right now. */
    public long reservedBytes() {
        return reservedBytes.get();
    }

    public long peakReservedBytes() {
        return peakReservedBytes.get();
    }

    public long admitted() {
        return admitted.sum();
    }

    public long rejected(Reason reason) {
        return rejected[reason.ordinal()].sum();
    }

    public long wouldReject(Reason reason) {
        return wouldReject[reason.ordinal()].sum();
    }

    public long estimatedBytes() {
        return estimatedBytes.sum();
    }

    public long allocatedBytes() {
        return allocatedBytes.sum();
    }

    @Override
    public String toString() {
        return "OperationHandle{" + name + ", inFlight=" + inFlight() + ", reserved=" + reservedBytes() + "}";
    }

    // ---- admission (package-private, called by HeapGuard) ----

    /** Takes a concurrency slot unless the operation is at {@code maxConcurrent}. */
    boolean tryAcquireSlot() {
        if (maxConcurrent == Integer.MAX_VALUE) {
            inFlightCalls.incrementAndGet();
            return true;
        }
        // retries only when another thread changed the count between our read and our CAS
        for (;;) {
            int current = inFlightCalls.get();
            if (current >= maxConcurrent) {
                return false;
            }
            if (inFlightCalls.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void releaseSlot() {
        inFlightCalls.decrementAndGet();
    }

    /** Adds {@code bytes} unless that would pass {@code maxInFlight}. */
    boolean tryReserve(long bytes) {
        long now;
        if (maxInFlightBytes == UNLIMITED) {
            now = reservedBytes.addAndGet(bytes);
        } else {
            // retries only when another thread changed the total between our read and our CAS
            for (;;) {
                long current = reservedBytes.get();
                now = current + bytes;
                if (now > maxInFlightBytes) {
                    return false;
                }
                if (reservedBytes.compareAndSet(current, now)) {
                    break;
                }
            }
            assert now <= maxInFlightBytes : name + " in flight " + now + " > " + maxInFlightBytes;
        }
        updatePeak(now);
        return true;
    }

    /** Monitor mode: reserve without limits. */
    void forceAcquire(long bytes) {
        inFlightCalls.incrementAndGet();
        updatePeak(reservedBytes.addAndGet(bytes));
    }

    void unreserve(long bytes) {
        reservedBytes.addAndGet(-bytes);
    }

    void countAdmitted(long bytes) {
        admitted.increment();
        estimatedBytes.add(bytes);
    }

    void countRejected(Reason reason) {
        rejected[reason.ordinal()].increment();
    }

    void countWouldReject(Reason reason) {
        wouldReject[reason.ordinal()].increment();
    }

    /** Records what the call really allocated beside what it reserved. Does not allocate. */
    void recordAllocation(long reserved, long allocated) {
        allocatedBytes.add(allocated);
        if (reserved > 0) {
            long ratioMillis = (long) Math.min(RATIO_MILLIS_MAX, allocated * MILLIS_PER_UNIT / reserved);
            ratioRecorder.recordValue(ratioMillis);
        }
    }

    /** Percentiles of allocated/estimate since start: count, p50, p90, p99, max (ratios). */
    synchronized RatioSummary ratioSummary() {
        ratioSpare = ratioRecorder.getIntervalHistogram(ratioSpare);
        ratioTotal.add(ratioSpare);
        if (ratioTotal.getTotalCount() == 0) {
            return new RatioSummary(0, 0, 0, 0, 0);
        }
        return new RatioSummary(ratioTotal.getTotalCount(),
                ratioTotal.getValueAtPercentile(50) / MILLIS_PER_UNIT,
                ratioTotal.getValueAtPercentile(90) / MILLIS_PER_UNIT,
                ratioTotal.getValueAtPercentile(99) / MILLIS_PER_UNIT,
                ratioTotal.getMaxValue() / MILLIS_PER_UNIT);
    }

    /** Allocated bytes divided by the estimate, over the calls that reported both. */
    record RatioSummary(long count, double p50, double p90, double p99, double max) {
    }

    private void updatePeak(long now) {
        long peak = peakReservedBytes.get();
        // retries only while our value is still a new peak and another thread moved the peak
        while (now > peak && !peakReservedBytes.compareAndSet(peak, now)) {
            peak = peakReservedBytes.get();
        }
    }

    private static LongAdder[] adders() {
        LongAdder[] adders = new LongAdder[Reason.values().length];
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }
}
