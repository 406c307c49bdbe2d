package io.heapguard.core;

import io.heapguard.MemoryGuardException.Reason;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * One operation type's limits and counters, resolved once per name (the agent keeps one per woven
 * method) so the hot path never hashes a name. Obtain it from {@link HeapGuard#operation(String)}.
 *
 * <p>Invariants: calls in flight {@code <= maxConcurrent} and bytes in flight {@code <= maxInFlight}
 * at every instant (compare-and-set loops that re-check the limit on each retry, never
 * add-then-check), except in monitor mode where limits are only counted.
 *
 * <p>An operation without {@code maxInFlight} and {@code maxConcurrent} has nothing to check, only
 * figures to keep: it counts in its one packed word until two threads first collide on it (a
 * failed compare-and-set), then in per-thread {@link Stripes} (calls and bytes, added without a
 * check). Its {@link #inFlight()} and {@link #reservedBytes()} are then sums read stripe by stripe
 * without a lock (exact at quiescence), and its {@link #peakReservedBytes()} is sampled: the
 * largest such sum seen by one admission in {@value #STRIPED_PEAK_ONE_IN} (at random) and by
 * each sampler tick, so it can miss a short peak. Operations with limits keep the exact
 * compare-and-set and the exact peak.
 */
public final class OperationHandle {

    /** Ratios allocated/estimate are recorded in thousandths, clamped to this many (a ratio of 1,000,000). */
    private static final long RATIO_MILLIS_MAX = 1_000_000_000L;
    private static final double MILLIS_PER_UNIT = 1000.0;
    static final long UNLIMITED = Long.MAX_VALUE;
    /** A striped operation notes its peak on one admission in this many (at random), and at each tick. */
    static final int STRIPED_PEAK_ONE_IN = 64;

    /*
     * Calls and bytes in flight share one AtomicLong, so admission and release each take a single
     * atomic update for both: the low BYTES_BITS hold the bytes, the bits above them the calls.
     * That caps what one operation can track at 4 TiB and about 2 million calls in flight.
     */
    private static final int BYTES_BITS = 42;
    private static final long BYTES_MASK = (1L << BYTES_BITS) - 1;
    private static final long ONE_CALL = 1L << BYTES_BITS;
    static final long MAX_TRACKABLE_BYTES = BYTES_MASK;
    static final int MAX_TRACKABLE_CALLS = (1 << (Long.SIZE - 1 - BYTES_BITS)) - 1;

    private final String name;
    private final long perCallLimitBytes;
    private final long maxInFlightBytes;
    private final int maxConcurrent;
    private final long defaultEstimateBytes;

    private final long bytesLimit;
    private final int callsLimit;
    /** (calls in flight << BYTES_BITS) | bytes in flight. */
    private final AtomicLong inFlight = new AtomicLong();
    /** No maxInFlight and no maxConcurrent: may count in stripes. */
    private final boolean unlimited;
    /**
     * Once threads collided on an unlimited operation: per stripe, calls and bytes added since, on
     * top of {@link #inFlight}, packed as in it (one atomic add per admission and per release). A
     * stripe alone means nothing (a call admitted on one thread and released on another leaves +1 on
     * one stripe and -1 on the other, and that can pile up past any field's range); only the sum of
     * {@link #inFlight} and every stripe, taken modulo 2^64, is the operation's packed figure, read
     * as signed halves ({@link #signedCalls}); null until then.
     */
    private volatile AtomicLongArray striped;
    private final AtomicLong peakReservedBytes = new AtomicLong();
    private final LongAdder admitted = new LongAdder();
    private final LongAdder estimatedBytes = new LongAdder();
    private final LongAdder allocatedBytes = new LongAdder();
    private final LongAdder[] rejected = adders();
    private final LongAdder[] wouldReject = adders();
    /** Written by releases, read by stats without waiting: no lock and no phase (see RatioHistogram). */
    private final RatioHistogram ratios = new RatioHistogram(RATIO_MILLIS_MAX);
    /**
     * The creation site last recorded for one of this operation's leak-tracked reservations (most
     * do not record theirs: see {@link LeakTracker}); null until the first.
     */
    volatile String recordedLeakSite;

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
        this.bytesLimit = Math.min(maxInFlightBytes, MAX_TRACKABLE_BYTES);
        this.callsLimit = Math.min(maxConcurrent, MAX_TRACKABLE_CALLS);
        this.unlimited = maxInFlightBytes == UNLIMITED && maxConcurrent == Integer.MAX_VALUE;
        this.defaultEstimateBytes = limits.defaultEstimateBytes() >= 0 ? limits.defaultEstimateBytes()
                : config.defaultEstimateBytes();
    }

    /** Loads the classes an operation's first release needs on a background thread, before it happens. */
    static void preloadClasses() {
        new RatioHistogram(RATIO_MILLIS_MAX).summary();
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
        AtomicLongArray cells = striped;
        if (cells == null) {
            return (int) (inFlight.get() >>> BYTES_BITS);
        }
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, signedCalls(stripedTotal(cells))));
    }

    /** Bytes reserved by this operation right now. */
    public long reservedBytes() {
        AtomicLongArray cells = striped;
        if (cells == null) {
            return inFlight.get() & BYTES_MASK;
        }
        long total = stripedTotal(cells);
        return Math.max(0, total - (signedCalls(total) << BYTES_BITS));
    }

    /**
     * The packed word plus every stripe: exact modulo 2^64 however the stripes themselves wrapped;
     * read stripe by stripe without a lock, so updates made during the reading may be half seen (a
     * release counted, its admission not yet): the figure is then off by those calls, never
     * garbage, as long as the bytes in flight stay under 2^41.
     */
    private long stripedTotal(AtomicLongArray cells) {
        long total = inFlight.get();
        for (int i = 0; i < Stripes.COUNT; i++) {
            total += cells.get(Stripes.slot(i));
        }
        return total;
    }

    /** The calls of a packed figure whose bytes lie within {@code ±2^41} (so a figure half seen reads as such). */
    private static long signedCalls(long packed) {
        return (packed + (1L << (BYTES_BITS - 1))) >> BYTES_BITS;
    }

    /** Whether this operation counts in stripes (no limits, and threads have collided on it). */
    boolean isStriped() {
        return striped != null;
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

    /** What the calls that reported it allocated, each sampled call's figure counted for the calls it stands for. */
    public long allocatedBytes() {
        return allocatedBytes.sum();
    }

    @Override
    public String toString() {
        return "OperationHandle{" + name + ", inFlight=" + inFlight() + ", reserved=" + reservedBytes() + "}";
    }

    // ---- admission (package-private, called by HeapGuard) ----

    /**
     * Takes one call slot and {@code bytes} unless that would pass {@code maxConcurrent} or
     * {@code maxInFlight}; never passes either, under any interleaving. Returns straight after its
     * compare-and-set, so the caller can record what it holds before anything else can fail; the
     * caller notes the peak ({@link #notePeak}).
     *
     * @return {@link Admission#ADMITTED}, {@link Admission#OPERATION_CONCURRENCY} or
     *         {@link Admission#OPERATION_BYTES}
     */
    Admission tryAcquire(long bytes) {
        AtomicLongArray cells = striped; // null unless an unlimited operation's threads collided
        if (cells != null) {
            return acquireStriped(cells, bytes);
        }
        // retries only when another thread changed the counts between our read and our CAS
        for (;;) {
            long current = inFlight.get();
            if ((current >>> BYTES_BITS) >= callsLimit) {
                return Admission.OPERATION_CONCURRENCY;
            }
            long bytesAfter = (current & BYTES_MASK) + bytes;
            if (bytesAfter > bytesLimit) {
                return Admission.OPERATION_BYTES;
            }
            if (inFlight.compareAndSet(current, current + ONE_CALL + bytes)) {
                return Admission.ADMITTED;
            }
            if (unlimited) {
                return acquireStriped(stripe(), bytes); // threads collide here: count in stripes from now on
            }
        }
    }

    /** No limit to check: one atomic add on the thread's stripe, nothing after it. */
    private static Admission acquireStriped(AtomicLongArray cells, long bytes) {
        cells.getAndAdd(Stripes.slotOfCurrentThread(), ONE_CALL + bytes);
        return Admission.ADMITTED;
    }

    /** The stripes, created on first need (once; an operation with limits never has them). */
    AtomicLongArray stripe() {
        assert unlimited : name + " has limits: it must keep the exact compare-and-set";
        AtomicLongArray cells = striped;
        if (cells == null) {
            synchronized (this) {
                cells = striped;
                if (cells == null) {
                    cells = Stripes.newArray();
                    striped = cells;
                }
            }
        }
        return cells;
    }

    /** Monitor mode: take the slot and bytes without limits (bytes are at most the per-call limit). */
    void forceAcquire(long bytes) {
        inFlight.addAndGet(ONE_CALL + bytes);
    }

    /**
     * Raises the peak to the bytes reserved now; after an admission, off its critical step. A
     * striped operation does it on one admission in {@value #STRIPED_PEAK_ONE_IN}.
     */
    void notePeak() {
        AtomicLongArray cells = striped;
        if (cells == null) {
            updatePeak(inFlight.get() & BYTES_MASK);
        } else if (ThreadLocalRandom.current().nextInt(STRIPED_PEAK_ONE_IN) == 0) {
            updatePeak(reservedBytes());
        }
    }

    /** Sampler tick: raises the peak to the bytes reserved now. */
    void notePeakNow() {
        updatePeak(reservedBytes());
    }

    /** Gives back one call slot and its bytes. */
    void release(long bytes) {
        AtomicLongArray cells = striped;
        if (cells != null) {
            // an admission counted in the packed word before striping is taken back from a stripe:
            // the totals are sums, so they stay exact
            cells.getAndAdd(Stripes.slotOfCurrentThread(), -(ONE_CALL + bytes));
            return;
        }
        long after = inFlight.addAndGet(-(ONE_CALL + bytes));
        assert after >= 0 && (after & BYTES_MASK) <= bytesLimit : name + " in-flight state broken: " + Long.toHexString(after);
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

    /**
     * Records what the call really allocated beside what it reserved. Does not allocate.
     *
     * @param sampleWeight how many calls this measured one stands for in the total (1 unless sampled)
     */
    void recordAllocation(long reserved, long allocated, int sampleWeight) {
        allocatedBytes.add(allocated * sampleWeight);
        if (reserved > 0) {
            long ratioMillis = (long) Math.min(RATIO_MILLIS_MAX, allocated * MILLIS_PER_UNIT / reserved);
            ratios.record(ratioMillis);
        }
    }

    /**
     * Percentiles of allocated/estimate since start: count, p50, p90, p99, max (ratios). Never waits:
     * takes no lock and needs no writer to finish.
     */
    RatioSummary ratioSummary() {
        RatioHistogram.Summary s = ratios.summary();
        return new RatioSummary(s.count(), s.p50() / MILLIS_PER_UNIT, s.p90() / MILLIS_PER_UNIT,
                s.p99() / MILLIS_PER_UNIT, s.max() / MILLIS_PER_UNIT);
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
