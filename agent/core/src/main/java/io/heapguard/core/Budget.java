package io.heapguard.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

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
 * <h2>Credit (when built with a credit limit)</h2>
 * Threads admit small calls from per-thread credit ({@link Stripes}): bytes drawn from the shared
 * counter in chunks (a few calls' worth, at most {@code maxHeap / 64} over all stripes). The shared
 * counter {@code reserved} holds admitted bytes <em>plus</em> idle credit, and every change to it
 * is checked, so:
 * <ul>
 *   <li><b>No overshoot.</b> {@code baseline + reserved <= ceiling} at every compare-and-set on the
 *       shared counter, credit counted as reserved; admitted bytes {@code <= reserved}. Only
 *       monitor mode ({@link #forceReserve}) adds without a check.</li>
 *   <li><b>Credit only well under every ceiling.</b> Credit is drawn only while
 *       {@code baseline + reserved + draw <= creditLimit}, and a call is admitted from credit only
 *       when it read {@code baseline + reserved <= creditLimit}; the guard sets {@code creditLimit}
 *       below the lowest ceiling of any priority (and below the warning threshold), so a call
 *       admitted from credit had its own ceiling's room whatever its priority. Every other call
 *       (larger than a stripe's credit cap, above {@code creditLimit}, decided on the confirmed
 *       baseline) takes the exact path: one compare-and-set on the shared counter, as before
 *       credit.</li>
 *   <li><b>No refusal for idle credit.</b> A call the exact path refuses first takes every stripe's
 *       credit back and checks again, until a pass finds no credit and no draw or reclaim overlapped
 *       it ({@link #reserveAfterReclaim}); only then is it refused. It is refused on exactly what
 *       the exact path alone would have seen: admitted bytes, plus credit a release returned to its
 *       stripe during that last pass (a release racing the refusal, as without credit).</li>
 *   <li><b>Figures without idle credit.</b> {@link #reservedBytes()}, {@link #usedBytes()},
 *       {@link #confirmedUsedBytes()} and the held-at-GC figure count admitted bytes only
 *       ({@code reserved - idle credit}, read without a lock: a draw or reclaim in flight between
 *       the reads shifts it by the credit moving, at most the stripes' caps); a GC reading first
 *       takes all credit back, so what it takes away from the heap is the admitted bytes.</li>
 * </ul>
 * A release adds its bytes to its stripe only while the stripe stays within its cap, usage is at or
 * under {@code creditLimit} and no reclaim runs; otherwise they go to the shared counter. Idle
 * credit goes back to the shared counter on every sampler tick ({@link #reclaimIdleCredit}), at
 * each GC reading and before any refusal; until then, credit drawn before usage rose above
 * {@code creditLimit} stays counted in {@code reserved} (so exact checks are stricter by it, and a
 * refusal takes it back first). At quiescence after a reclaim, {@code reserved} is exactly 0.
 *
 * <p>Without credit (the one-argument constructor) every admission is the exact compare-and-set.
 */
final class Budget {

    /** Growth a complete collection confirms below this share of maxHeap is noise, not a trend. */
    private static final double REAL_GROWTH_FRACTION = 0.05;

    /** A draw takes this many times the call's bytes (capped by the stripe's cap). */
    static final int CREDIT_CALLS_PER_DRAW = 4;
    /** All stripes together hold at most about maxHeap / this in idle credit. */
    static final int CREDIT_SHARE_OF_MAX_HEAP = 64;
    /** Passes a refusal makes to find a moment with no credit moving, before it refuses anyway. */
    private static final int MAX_RECLAIM_PASSES = 100;

    private final long maxHeapBytes;
    /** Admitted bytes plus idle credit. */
    private final AtomicLong reserved = new AtomicLong();
    /** Usage (baseline + reserved, credit included) up to which credit is drawn and spent; 0 without credit. */
    private final long creditLimitBytes;
    /** The most one stripe holds after a draw or a release; calls larger than this take the exact path. */
    private final long stripeCreditCapBytes;
    /** Idle credit per stripe (first slot of each); null without credit. */
    private final AtomicLongArray credit;
    /** Threads taking credit back now: no draw starts, no release goes to a stripe. */
    private final AtomicInteger reclaimers = new AtomicInteger();
    /** Moves between the shared counter and the stripes (draws, reclaims) started and finished. */
    private final AtomicLong transitsStarted = new AtomicLong();
    private final AtomicLong transitsFinished = new AtomicLong();
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

    /** A budget without credit: every admission is the exact compare-and-set. */
    Budget(long maxHeapBytes) {
        this(maxHeapBytes, 0, 0);
    }

    /**
     * A budget with per-thread credit, drawn and spent while usage stays at or under
     * {@code creditLimitBytes}, which must be below every ceiling a call is checked against;
     * 0 turns credit off.
     */
    Budget(long maxHeapBytes, long creditLimitBytes) {
        this(maxHeapBytes, creditLimitBytes, maxHeapBytes / CREDIT_SHARE_OF_MAX_HEAP / Stripes.COUNT);
    }

    /** As {@link #Budget(long, long)} with a given cap per stripe (tests). */
    Budget(long maxHeapBytes, long creditLimitBytes, long stripeCreditCapBytes) {
        this.maxHeapBytes = maxHeapBytes;
        boolean withCredit = creditLimitBytes > 0 && stripeCreditCapBytes > 0;
        this.creditLimitBytes = withCredit ? creditLimitBytes : 0;
        this.stripeCreditCapBytes = withCredit ? stripeCreditCapBytes : 0;
        this.credit = withCredit ? Stripes.newArray() : null;
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
        boolean creditable = credit != null && !onConfirmedBaseline && bytes <= stripeCreditCapBytes
                && ceilingBytes >= creditLimitBytes;
        if (creditable) {
            long usedAfter = spendCredit(bytes);
            if (usedAfter >= 0) {
                return usedAfter;
            }
        }
        return reserveDrawingOrExact(bytes, ceilingBytes, onConfirmedBaseline, creditable);
    }

    /** Not from the stripe's credit: a draw, else the exact path, else the exact path after a reclaim. */
    private long reserveDrawingOrExact(long bytes, long ceilingBytes, boolean onConfirmedBaseline, boolean creditable) {
        if (creditable) {
            long usedAfter = drawCredit(bytes);
            if (usedAfter >= 0) {
                return usedAfter;
            }
        }
        long usedAfter = reserveExact(bytes, ceilingBytes, onConfirmedBaseline);
        if (usedAfter >= 0 || credit == null) {
            return usedAfter;
        }
        return reserveAfterReclaim(bytes, ceilingBytes, onConfirmedBaseline);
    }

    /** The exact path: check and add in one compare-and-set on the shared counter. */
    private long reserveExact(long bytes, long ceilingBytes, boolean onConfirmedBaseline) {
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

    /**
     * Admits {@code bytes} from the calling thread's stripe when it holds enough, while usage with all
     * credit counted is at or under the credit limit. The hot path: reads, and one compare-and-set
     * on the thread's own stripe.
     *
     * @return an upper bound of the usage with the call admitted (at most the credit limit), or -1
     */
    private long spendCredit(long bytes) {
        long baseline = baselineBytes;
        long held = reserved.get();
        int slot = Stripes.slotOfCurrentThread();
        long idle = credit.get(slot);
        // the bytes are already inside 'reserved' as this stripe's credit: moving them to admitted
        // changes no shared figure
        if (idle >= bytes && baseline + held <= creditLimitBytes && credit.compareAndSet(slot, idle, idle - bytes)) {
            return baseline + held;
        }
        return -1;
    }

    /**
     * Draws a chunk (a few calls' worth, within the stripe's cap) from the shared counter and admits
     * {@code bytes} from it, the rest left in the calling thread's stripe; only while usage with all
     * credit and the chunk counted stays at or under the credit limit, and no reclaim runs.
     *
     * @return the usage with the chunk drawn, or -1: take the exact path
     */
    private long drawCredit(long bytes) {
        if (reclaimers.get() != 0) {
            return -1;
        }
        int slot = Stripes.slotOfCurrentThread();
        long idle = credit.get(slot);
        long draw = Math.max(bytes, Math.min(CREDIT_CALLS_PER_DRAW * bytes, stripeCreditCapBytes + bytes - idle));
        if (baselineBytes + reserved.get() + draw > creditLimitBytes) {
            return -1; // no room for a chunk: the exact path, without touching the transit counts
        }
        transitsStarted.incrementAndGet();
        try {
            for (;;) {
                long current = reserved.get();
                long usedAfter = baselineBytes + current + draw;
                if (usedAfter > creditLimitBytes) {
                    return -1;
                }
                if (reserved.compareAndSet(current, current + draw)) {
                    if (draw > bytes) {
                        credit.getAndAdd(slot, draw - bytes);
                    }
                    return usedAfter;
                }
            }
        } finally {
            transitsFinished.incrementAndGet();
        }
    }

    /**
     * A call the exact path refused: take all idle credit back and try again, until a pass found no
     * credit while no draw or reclaim was in flight; only then refuse. Draws and releases to
     * stripes stop while a reclaim runs, so this ends after a few passes (bounded all the same).
     */
    private long reserveAfterReclaim(long bytes, long ceilingBytes, boolean onConfirmedBaseline) {
        reclaimers.incrementAndGet();
        try {
            for (int pass = 0;; pass++) {
                long started = transitsStarted.get();
                long finished = transitsFinished.get();
                boolean moved = reclaimPass();
                long usedAfter = reserveExact(bytes, ceilingBytes, onConfirmedBaseline);
                if (usedAfter >= 0) {
                    return usedAfter;
                }
                if (!moved && finished == started && transitsStarted.get() == started) {
                    return -1; // nothing idle, nothing in flight: refused on admitted bytes alone
                }
                if (pass >= MAX_RECLAIM_PASSES) {
                    return -1;
                }
                if (pass >= 8) {
                    Thread.yield(); // a preempted drawer holds the transit open: let it finish
                } else {
                    Thread.onSpinWait();
                }
            }
        } finally {
            reclaimers.decrementAndGet();
        }
    }

    /**
     * Moves every stripe's idle credit back to the shared counter (one transit).
     *
     * @return whether any stripe held credit when looked at
     */
    private boolean reclaimPass() {
        boolean any = false;
        for (int i = 0; i < Stripes.COUNT && !any; i++) {
            any = credit.get(Stripes.slot(i)) != 0;
        }
        if (!any) {
            return false;
        }
        transitsStarted.incrementAndGet();
        try {
            long taken = 0;
            for (int i = 0; i < Stripes.COUNT; i++) {
                taken += credit.getAndSet(Stripes.slot(i), 0);
            }
            if (taken != 0) {
                long after = reserved.addAndGet(-taken);
                assert after >= 0 : "reserved went negative on reclaim: " + after;
            }
        } finally {
            transitsFinished.incrementAndGet();
        }
        return true;
    }

    /** Sampler tick: gives all idle credit back to the shared counter. */
    void reclaimIdleCredit() {
        if (credit != null) {
            reclaimPass();
        }
    }

    /**
     * Takes all credit back and returns the admitted bytes, with draws and releases to stripes
     * stopped for the time of it (a GC reading: the heap after it holds admitted bytes, not credit).
     */
    private long admittedBytesAfterReclaim() {
        if (credit == null) {
            return reserved.get();
        }
        reclaimers.incrementAndGet();
        try {
            for (int pass = 0; pass < MAX_RECLAIM_PASSES; pass++) {
                long started = transitsStarted.get();
                long finished = transitsFinished.get();
                boolean moved = reclaimPass();
                if (!moved && finished == started && transitsStarted.get() == started) {
                    break;
                }
                Thread.yield();
            }
            return reservedBytes();
        } finally {
            reclaimers.decrementAndGet();
        }
    }

    /** Monitor mode: add without a check. */
    void forceReserve(long bytes) {
        reserved.addAndGet(bytes);
    }

    /**
     * Gives {@code bytes} back: to the calling thread's stripe as credit while usage is at or under
     * the credit limit and the stripe stays within its cap, else to the shared counter.
     */
    void release(long bytes) {
        if (credit == null || bytes > stripeCreditCapBytes || !returnToStripe(bytes)) {
            long after = reserved.addAndGet(-bytes);
            assert after >= 0 : "reserved went negative: " + after;
        }
    }

    /** Release as credit to the calling thread's stripe, when that is allowed; false: not done. */
    private boolean returnToStripe(long bytes) {
        int slot = Stripes.slotOfCurrentThread();
        long idle = credit.get(slot);
        return idle + bytes <= stripeCreditCapBytes && reclaimers.get() == 0
                && baselineBytes + reserved.get() <= creditLimitBytes && credit.compareAndSet(slot, idle, idle + bytes);
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
        long heldAtGc = admittedBytesAfterReclaim();
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
        return evidenceBaselineBytes() + reservedBytes();
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

    /** Admitted bytes: the shared counter without idle credit (see the class comment). */
    long reservedBytes() {
        if (credit == null) {
            return reserved.get();
        }
        // credit moving between the two reads (a draw, a reclaim) shifts the result by what moves:
        // up for a draw, down for a reclaim; both are rare and bounded by the stripes' caps
        long idle = idleCreditBytes();
        return Math.max(0, reserved.get() - idle);
    }

    /** The shared counter: admitted bytes plus idle credit. */
    long reservedWithCreditBytes() {
        return reserved.get();
    }

    /** Idle credit over all stripes (0 without credit); read stripe by stripe, without a lock. */
    long idleCreditBytes() {
        if (credit == null) {
            return 0;
        }
        long idle = 0;
        for (int i = 0; i < Stripes.COUNT; i++) {
            idle += credit.get(Stripes.slot(i));
        }
        return idle;
    }

    /** The usage up to which credit is drawn and spent; 0 without credit. */
    long creditLimitBytes() {
        return creditLimitBytes;
    }

    /** Live heap not explained by reservations, as of the last GC. */
    long baselineBytes() {
        return baselineBytes;
    }

    /** The guarded usage now: baseline plus reservations in flight. */
    long usedBytes() {
        return baselineBytes + reservedBytes();
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
