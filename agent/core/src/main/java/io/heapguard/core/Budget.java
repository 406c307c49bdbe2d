package io.heapguard.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The overall budget: {@code baseline + reserved <= ceiling}, where {@code baseline} is the live
 * heap after the last GC minus what was reserved at that GC (those bytes are already inside the
 * live heap, and are counted again in {@code reserved} while their calls run).
 *
 * <p>Which live heap: a partial collection (young, mixed) leaves old-generation garbage behind, so
 * its figure is only an upper bound; a complete collection's is evidence. The baseline is always
 * the latest figure, so admission is never more optimistic than what the collector last reported.
 * What that figure holds beyond the last complete collection's is <em>unconfirmed</em>; the guard
 * confirms it with a complete collection before it refuses a call because of it
 * (docs/memory-signal.md).
 *
 * <p>Invariant: {@code reserved} never passes the ceiling it was checked against, under any
 * interleaving: the check and the add are one compare-and-set, repeated until it succeeds or the
 * check fails. Only monitor mode ({@link #forceReserve}) adds without a check.
 */
final class Budget {

    /** Growth a complete collection confirms below this share of maxHeap is noise, not a trend. */
    private static final double REAL_GROWTH_FRACTION = 0.05;

    private final long maxHeapBytes;
    private final AtomicLong reserved = new AtomicLong();
    private volatile long baselineBytes;
    /**
     * The baseline the last complete collection proved, lowered by every later figure below it (the
     * live data shrank); -1 before the first complete collection.
     */
    private volatile long confirmedBaselineBytes = -1;
    private volatile long liveAfterGcBytes = -1;
    private volatile long reservedAtLastGcBytes;
    private volatile long lastGcMillis = -1;
    private volatile long lastCompleteGcMillis = -1;
    /** One field, so a reader never sees half of one verdict and half of the next. */
    private volatile GrowthVerdict lastGrowth = GrowthVerdict.NONE;

    /** What the last complete collection made of the growth that partial collections had reported. */
    enum GrowthVerdict {
        /** No complete collection has judged any growth yet. */
        NONE,
        /**
         * At least half of it (or all but a trifle) was garbage: only then may a call be decided on
         * the confirmed baseline when no confirmation can run in time (real growth, as a filling
         * cache, must not be waved through).
         */
        GARBAGE,
        /** Kept by a concurrent cycle, whose figure still holds floating garbage: not proven real. */
        UNPROVEN,
        /** Kept by a stop-the-world complete collection: real growth. */
        REAL
    }

    Budget(long maxHeapBytes) {
        this.maxHeapBytes = maxHeapBytes;
    }

    /**
     * Adds {@code bytes} if {@code baseline + reserved + bytes <= ceilingBytes}; never overshoots.
     *
     * @return the usage (baseline + reserved) with the bytes added, or -1 when they did not fit
     */
    long tryReserve(long bytes, long ceilingBytes) {
        return tryReserve(bytes, ceilingBytes, false);
    }

    /**
     * As {@link #tryReserve(long, long)}, counting only the confirmed part of the baseline when
     * {@code onConfirmedBaseline} (no confirmation could run in time: decide on evidence).
     */
    long tryReserve(long bytes, long ceilingBytes, boolean onConfirmedBaseline) {
        // retries only when another thread changed 'reserved' between our read and our CAS;
        // each retry re-reads the baseline and re-checks the ceiling
        for (;;) {
            long current = reserved.get();
            long next = current + bytes;
            long baseline = onConfirmedBaseline ? evidenceBaselineBytes() : baselineBytes;
            long usedAfter = baseline + next;
            if (usedAfter > ceilingBytes) {
                return -1;
            }
            if (reserved.compareAndSet(current, next)) {
                assert next <= maxHeapBytes : "reserved " + next + " > maxHeap " + maxHeapBytes;
                return usedAfter;
            }
        }
    }

    /** Monitor mode: add without a check. */
    void forceReserve(long bytes) {
        reserved.addAndGet(bytes);
    }

    void release(long bytes) {
        long after = reserved.addAndGet(-bytes);
        assert after >= 0 : "reserved went negative: " + after;
    }

    /**
     * The heap in use after a GC; the reservations held now were part of it. Readings arrive from
     * one thread at a time in practice (GC notifications, the cleanup or confirmation thread); a
     * rare overlap leaves figures from one of them, which the next reading replaces.
     *
     * @param allocatedDuringGcBytes what a concurrent cycle kept because it was allocated while the
     *        cycle ran (0 for other collections)
     */
    void onGcReading(long heapAfterGcBytes, long allocatedDuringGcBytes, CollectionKind kind, long nowMillis) {
        long heldAtGc = reserved.get();
        // the in-flight calls' data is inside the heap after the GC, and for a concurrent cycle
        // inside what it kept as allocated during the cycle or what it marked: take away the larger
        long baseline = Math.max(0, heapAfterGcBytes - Math.max(heldAtGc, allocatedDuringGcBytes));
        long confirmed = confirmedBaselineBytes;
        if (kind == CollectionKind.COMPLETE) {
            long claimed = unconfirmedBytes();
            if (claimed > 0) {
                // what partial collections claimed since the last complete one: real growth keeps
                // at least half of it, and enough to matter
                long kept = claimed - Math.max(0, baselineBytes - baseline);
                boolean garbage = kept < claimed / 2 || kept < maxHeapBytes * REAL_GROWTH_FRACTION;
                // a concurrent cycle's figure still holds floating garbage: it can show growth to be
                // garbage, never prove it real
                lastGrowth = garbage ? GrowthVerdict.GARBAGE
                        : allocatedDuringGcBytes == 0 ? GrowthVerdict.REAL : GrowthVerdict.UNPROVEN;
            }
            confirmed = baseline;
            lastCompleteGcMillis = nowMillis;
        } else if (confirmed > baseline) {
            confirmed = baseline;
        }
        confirmedBaselineBytes = confirmed;
        reservedAtLastGcBytes = heldAtGc;
        liveAfterGcBytes = baseline + heldAtGc;
        baselineBytes = baseline;
        lastGcMillis = nowMillis;
    }

    /**
     * What the baseline holds beyond what the last complete collection proved live: old-generation
     * growth since then (garbage, or data a confirmation would show live), or all of it before the
     * first complete collection.
     */
    long unconfirmedBytes() {
        long baseline = baselineBytes;
        long confirmed = confirmedBaselineBytes;
        return confirmed < 0 ? baseline : Math.max(0, baseline - confirmed);
    }

    /**
     * The usage on evidence: reservations plus the baseline a complete collection proved, while the
     * last one found the growth partial collections reported to be mostly garbage; the baseline
     * itself before the first complete collection, or when the last one found the growth real.
     */
    long confirmedUsedBytes() {
        return evidenceBaselineBytes() + reserved.get();
    }

    /** See {@link #confirmedUsedBytes}; one read of each field. */
    private long evidenceBaselineBytes() {
        long baseline = baselineBytes;
        long confirmed = confirmedBaselineBytes;
        return confirmed < 0 || lastGrowth != GrowthVerdict.GARBAGE ? baseline : Math.min(baseline, confirmed);
    }

    GrowthVerdict lastGrowth() {
        return lastGrowth;
    }

    /** The baseline a complete collection proved (lowered by later figures); -1 before the first. */
    long confirmedBaselineBytes() {
        return confirmedBaselineBytes;
    }

    long maxHeapBytes() {
        return maxHeapBytes;
    }

    long reservedBytes() {
        return reserved.get();
    }

    /** Live heap not explained by reservations, as of the last GC. */
    long baselineBytes() {
        return baselineBytes;
    }

    /** The guarded usage now: baseline plus reservations in flight. */
    long usedBytes() {
        return baselineBytes + reserved.get();
    }

    /** -1 until the first GC was seen. */
    long liveAfterGcBytes() {
        return liveAfterGcBytes;
    }

    long reservedAtLastGcBytes() {
        return reservedAtLastGcBytes;
    }

    /** Epoch millis of the last complete collection seen, -1 before the first. */
    long lastCompleteGcMillis() {
        return lastCompleteGcMillis;
    }

    /** Epoch millis of the last GC seen, -1 before the first. */
    long lastGcMillis() {
        return lastGcMillis;
    }
}
