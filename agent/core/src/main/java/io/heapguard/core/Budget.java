package io.heapguard.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

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
 * <h2>Credit: off until threads collide, then per-thread</h2>
 * A budget starts on the exact path: the check and the add are one compare-and-set on the shared
 * counter {@code reserved}, retried until it succeeds or the check fails. The first time such a
 * compare-and-set fails because another thread moved the counter (threads collide, as
 * {@link java.util.concurrent.atomic.LongAdder} creates its cells), the budget switches credit on:
 * the first time, it creates its {@link Stripes} of per-thread credit, bytes drawn from the shared counter
 * in chunks (a few calls' worth, at most about {@code maxHeap / 64} over all stripes) and spent by
 * the thread's later calls without touching the shared counter. Every sampler tick switches credit
 * off again and takes idle credit back ({@link #reclaimIdleCredit}); the next collision switches it
 * on (while threads contend, within microseconds), so a budget whose threads stopped colliding is
 * back on the exact path within a tick (the credit path costs one thread a few nanoseconds more).
 * The stripes, once created, are kept: a thread that read "on" before a switch-off may still leave
 * credit in its stripe, and every reclaim and every figure reads the stripes whether credit is on
 * or off. Without a credit limit (the one-argument constructor), and while credit is off, every
 * admission is the exact compare-and-set, and the uncontended path adds one field read
 * ({@code creditActive}) to acquire and one to release.
 *
 * <p>Only a woven call, which carries a {@link CallSlot}, spends or draws credit; every other call
 * takes the exact path (and, refused there, still takes idle credit back first).
 *
 * <p>Invariants (credit on or off). {@code reserved} holds admitted bytes <em>plus</em> idle credit
 * and credit in transit, and every change that raises it is checked:
 * <ul>
 *   <li><b>No overshoot.</b> {@code baseline + reserved <= ceiling} at every compare-and-set that
 *       raises the shared counter, credit counted as reserved, so admitted bytes never pass the
 *       ceiling a call was checked against. Only monitor mode ({@link #forceReserve}) adds without a
 *       check.</li>
 *   <li><b>Credit only well under every ceiling.</b> Credit is drawn only while
 *       {@code baseline + reserved + draw <= creditLimit}, and spent only when the call read
 *       {@code baseline + reserved <= creditLimit}; the guard sets {@code creditLimit} below the
 *       lowest ceiling of any priority ({@link Ceilings#creditLimitBytes}), so a call admitted from
 *       credit had its own ceiling's room whatever its priority. Calls larger than a stripe's cap,
 *       decided on the confirmed baseline, or above {@code creditLimit} take the exact path.</li>
 *   <li><b>No refusal for idle credit.</b> A call the exact path refuses first takes every stripe's
 *       credit back and checks again, until a pass finds no credit while no draw or reclaim was in
 *       transit ({@link #reclaimAndReserve}), at most {@value #MAX_RECLAIM_PASSES} passes (a transit
 *       torn by an error stays open until its slot is released); only then is it refused, on admitted bytes plus what a release racing that last pass returned to its
 *       stripe (as a release racing a refusal without credit).</li>
 *   <li><b>Figures without idle credit.</b> {@link #reservedBytes()}, {@link #usedBytes()} and
 *       {@link #confirmedUsedBytes()} count {@code reserved - idle credit} (read without a lock: a
 *       transit between the reads shifts it by at most the stripes' caps); a GC reading first takes
 *       all credit back, so it takes admitted bytes, not credit, out of the heap figure.</li>
 *   <li><b>Torn moves are repaired.</b> A move of credit takes two atomic steps (the shared counter,
 *       then a stripe; or the stripes, then the shared counter), counted as one transit. A woven
 *       call records each step in its {@link CallSlot} right after the atomic update, with no call
 *       in between ({@link CallSlot#HOLDS_STRAY_CREDIT}, {@link CallSlot#HOLDS_TRANSIT},
 *       {@link CallSlot#HOLDS_RECLAIMER}); when an error ({@code StackOverflowError}) strikes
 *       between two steps, releasing the slot gives the stray credit back to the shared counter and
 *       closes the transit ({@link #repairTear}). Other callers use a slot of their own and repair it
 *       in a {@code finally}.</li>
 * </ul>
 * A release adds its bytes to its stripe while credit is on, the stripe stays within its cap, usage
 * is at or under {@code creditLimit} and no reclaim runs; otherwise to the shared counter. Idle credit goes
 * back to the shared counter on every sampler tick ({@link #reclaimIdleCredit}), at each GC reading
 * and before any refusal. At quiescence after a reclaim, {@code reserved} is exactly 0.
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
    /** Admitted bytes plus idle credit and credit in transit. */
    private final AtomicLong reserved = new AtomicLong();
    /** Usage (baseline + reserved, credit included) up to which credit is drawn and spent; 0: never credit. */
    private final long creditLimitBytes;
    /** The most one stripe holds after a draw or a release; calls larger than this take the exact path. */
    private final long stripeCreditCapBytes;
    /** Idle credit per stripe (first slot of each); null until threads first collide on the counter, then kept. */
    private volatile AtomicLongArray credit;
    /** Whether woven calls spend and draw credit, and releases return to stripes: from a collision to the next tick. */
    private volatile boolean creditActive;
    /** Threads taking credit back now: no draw starts, no release goes to a stripe. */
    private final AtomicInteger reclaimers = new AtomicInteger();
    /** Moves between the shared counter and the stripes (draws, reclaims) started and finished. */
    private final AtomicLong transitsStarted = new AtomicLong();
    private final AtomicLong transitsFinished = new AtomicLong();
    /** Tests only: runs between the two steps of a credit move, where an error may strike. */
    static TearPoint tearForTest;
    /** Passes refused calls made taking credit back. */
    private final LongAdder reclaimPasses = new LongAdder();
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

    /** A budget that never switches credit on: every admission is the exact compare-and-set. */
    Budget(long maxHeapBytes) {
        this(maxHeapBytes, 0, 0);
    }

    /**
     * A budget that switches per-thread credit on when threads first collide on it, then draws and
     * spends credit while usage stays at or under {@code creditLimitBytes}, which must be below every
     * ceiling a call is checked against; 0: never.
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
    }

    /** The two-step credit moves, where a test can make an error strike between the steps. */
    enum Step { DRAW, RECLAIM }

    /** A test's stand-in for an error striking between the two steps of a credit move. */
    interface TearPoint {
        void reached(Step step);
    }

    /**
     * Adds {@code bytes} if {@code baseline + reserved + bytes <= ceilingBytes}; never overshoots.
     * The exact path: a caller without a {@link CallSlot} neither spends nor draws credit.
     *
     * @return the usage (baseline + reserved) with the bytes added, or -1 when they did not fit
     */
    long tryReserve(long bytes, long ceilingBytes) {
        return tryReserve(bytes, ceilingBytes, false, null);
    }

    /**
     * As {@link #tryReserve(long, long)}, counting only the confirmed part of the baseline when
     * {@code onConfirmedBaseline} (no confirmation could run in time: decide on evidence). With a
     * {@code slot} (a woven call) and credit on, a small call well under every ceiling is admitted
     * from the thread's credit, and the step that admits it records {@link CallSlot#HOLDS_BUDGET}
     * in the slot itself.
     */
    long tryReserve(long bytes, long ceilingBytes, boolean onConfirmedBaseline, CallSlot slot) {
        if (creditActive && slot != null && creditable(bytes, ceilingBytes, onConfirmedBaseline)) {
            long usedAfter = reserveFromCredit(credit, bytes, slot);
            if (usedAfter >= 0) {
                return usedAfter;
            }
        }
        long usedAfter = reserveExact(bytes, ceilingBytes, onConfirmedBaseline);
        if (usedAfter >= 0 || credit == null) {
            return usedAfter;
        }
        return reserveAfterReclaim(bytes, ceilingBytes, onConfirmedBaseline, slot);
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
            onCollision();
        }
    }

    /** A compare-and-set lost to another thread: threads collide on the counter, so credit goes on. */
    private void onCollision() {
        if (!creditActive && creditLimitBytes > 0) {
            switchOnCredit();
        }
    }

    /** Switches credit on, creating the stripes the first time (tests call it to start with credit on). */
    synchronized void switchOnCredit() {
        if (creditLimitBytes > 0) {
            if (credit == null) {
                credit = Stripes.newArray();
            }
            creditActive = true;
        }
    }

    /** Whether credit is on (threads collided on the budget since the last sampler tick). */
    boolean creditOn() {
        return creditActive;
    }

    private boolean creditable(long bytes, long ceilingBytes, boolean onConfirmedBaseline) {
        return bytes <= stripeCreditCapBytes && ceilingBytes >= creditLimitBytes && !onConfirmedBaseline;
    }

    /** From the thread's stripe, else from a chunk drawn into it; -1: take the exact path. */
    private long reserveFromCredit(AtomicLongArray cells, long bytes, CallSlot slot) {
        int stripe = Stripes.slotOfCurrentThread();
        long usedAfter = spendCredit(cells, stripe, bytes, slot);
        return usedAfter >= 0 ? usedAfter : drawCredit(cells, stripe, bytes, slot);
    }

    /**
     * Admits {@code bytes} from the stripe when it holds enough, while usage with all credit counted
     * is at or under the credit limit: reads, and one compare-and-set on the thread's own stripe.
     *
     * @return an upper bound of the usage with the call admitted (at most the credit limit), or -1
     */
    private long spendCredit(AtomicLongArray cells, int stripe, long bytes, CallSlot slot) {
        long baseline = baselineBytes;
        long held = reserved.get();
        long idle = cells.get(stripe);
        // the bytes are inside 'reserved' already, as this stripe's credit: admitting them moves no
        // shared figure
        if (idle < bytes || baseline + held > creditLimitBytes || !cells.compareAndSet(stripe, idle, idle - bytes)) {
            return -1;
        }
        slot.holds |= CallSlot.HOLDS_BUDGET;
        return baseline + held;
    }

    /**
     * Draws a chunk (a few calls' worth, within the stripe's cap) from the shared counter, admits
     * {@code bytes} from it and leaves the rest in the stripe; only while usage with the chunk
     * counted stays at or under the credit limit and no reclaim runs. One transit of two atomic
     * steps, each recorded in the slot right after it.
     *
     * @return the usage with the chunk drawn, or -1: take the exact path
     */
    private long drawCredit(AtomicLongArray cells, int stripe, long bytes, CallSlot slot) {
        long room = stripeCreditCapBytes + bytes - cells.get(stripe);
        long draw = Math.max(bytes, Math.min(CREDIT_CALLS_PER_DRAW * bytes, room));
        if (reclaimers.get() != 0 || baselineBytes + reserved.get() + draw > creditLimitBytes) {
            return -1; // a reclaim runs, or no room for a chunk: no transit counted
        }
        transitsStarted.incrementAndGet();
        slot.holds |= CallSlot.HOLDS_TRANSIT;
        long usedAfter = drawChunk(draw, draw - bytes, slot);
        if (usedAfter >= 0 && draw > bytes) {
            tearPoint(Step.DRAW);
            cells.getAndAdd(stripe, draw - bytes);
            slot.holds &= ~CallSlot.HOLDS_STRAY_CREDIT;
            slot.strayCreditBytes = 0;
        }
        transitsFinished.incrementAndGet();
        slot.holds &= ~CallSlot.HOLDS_TRANSIT;
        return usedAfter;
    }

    /** The draw's compare-and-set: the call's bytes admitted, {@code rest} stray until it reaches the stripe. */
    private long drawChunk(long draw, long rest, CallSlot slot) {
        for (;;) {
            long current = reserved.get();
            long usedAfter = baselineBytes + current + draw;
            if (usedAfter > creditLimitBytes) {
                return -1;
            }
            if (reserved.compareAndSet(current, current + draw)) {
                slot.strayCreditBytes = rest;
                slot.holds |= rest > 0 ? CallSlot.HOLDS_BUDGET | CallSlot.HOLDS_STRAY_CREDIT : CallSlot.HOLDS_BUDGET;
                return usedAfter;
            }
        }
    }

    /** The exact path refused a call while credit is on: take idle credit back and try again. */
    private long reserveAfterReclaim(long bytes, long ceilingBytes, boolean onConfirmedBaseline, CallSlot slot) {
        if (slot != null) {
            return reclaimAndReserve(bytes, ceilingBytes, onConfirmedBaseline, slot);
        }
        CallSlot own = new CallSlot(); // a caller without a slot: its steps recorded here, repaired below
        try {
            return reclaimAndReserve(bytes, ceilingBytes, onConfirmedBaseline, own);
        } finally {
            repairTear(own);
        }
    }

    /**
     * Takes all idle credit back and tries the exact path again, until it admits or a pass found no
     * credit while no draw or reclaim was in transit; only then refuses. Draws and releases to
     * stripes stop while a reclaim runs, so this ends after a few passes; bounded all the same (a
     * transit torn by an error stays open until its call's slot is released).
     */
    private long reclaimAndReserve(long bytes, long ceilingBytes, boolean onConfirmedBaseline, CallSlot slot) {
        reclaimers.incrementAndGet();
        slot.holds |= CallSlot.HOLDS_RECLAIMER;
        long usedAfter = -1;
        for (int pass = 0; pass < MAX_RECLAIM_PASSES; pass++) {
            reclaimPasses.increment();
            long started = transitsStarted.get();
            long finished = transitsFinished.get();
            boolean moved = reclaimPass(slot);
            usedAfter = reserveExact(bytes, ceilingBytes, onConfirmedBaseline);
            if (usedAfter >= 0) {
                slot.holds |= CallSlot.HOLDS_BUDGET;
                break;
            }
            if (!moved && finished == started && transitsStarted.get() == started) {
                break; // nothing idle, nothing in transit: refused on admitted bytes alone
            }
            backOff(pass);
        }
        reclaimers.decrementAndGet();
        slot.holds &= ~CallSlot.HOLDS_RECLAIMER;
        return usedAfter;
    }

    private static void backOff(int pass) {
        if (pass >= 8) {
            Thread.yield(); // a preempted thread holds a transit open: let it finish
        } else {
            Thread.onSpinWait();
        }
    }

    /**
     * Moves every stripe's idle credit back to the shared counter: one transit of two steps (the
     * stripes emptied, then the shared counter lowered), each recorded in {@code slot}.
     *
     * @return whether any stripe held credit when looked at
     */
    private boolean reclaimPass(CallSlot slot) {
        AtomicLongArray cells = credit;
        if (cells == null || !anyIdle(cells)) {
            return false;
        }
        transitsStarted.incrementAndGet();
        slot.holds |= CallSlot.HOLDS_TRANSIT;
        for (int i = 0; i < Stripes.COUNT; i++) {
            long taken = cells.getAndSet(Stripes.slot(i), 0);
            slot.strayCreditBytes += taken;
            slot.holds |= CallSlot.HOLDS_STRAY_CREDIT;
        }
        tearPoint(Step.RECLAIM);
        giveBackStray(slot);
        transitsFinished.incrementAndGet();
        slot.holds &= ~CallSlot.HOLDS_TRANSIT;
        return true;
    }

    private static boolean anyIdle(AtomicLongArray cells) {
        for (int i = 0; i < Stripes.COUNT; i++) {
            if (cells.get(Stripes.slot(i)) != 0) {
                return true;
            }
        }
        return false;
    }

    /** The slot's stray credit (counted in the shared counter, held by no stripe) back to the counter. */
    private void giveBackStray(CallSlot slot) {
        long after = reserved.addAndGet(-slot.strayCreditBytes);
        slot.strayCreditBytes = 0;
        slot.holds &= ~CallSlot.HOLDS_STRAY_CREDIT;
        assert after >= 0 : "reserved went negative giving credit back: " + after;
    }

    /**
     * Gives back what a credit move torn by an error left, as {@code slot} records it: the stray
     * credit to the shared counter, then the open transit and the reclaimer count closed. Each step
     * is recorded right after it, so a repair torn in turn is finished by the next one.
     */
    void repairTear(CallSlot slot) {
        if ((slot.holds & CallSlot.HOLDS_STRAY_CREDIT) != 0) {
            giveBackStray(slot);
        }
        if ((slot.holds & CallSlot.HOLDS_TRANSIT) != 0) {
            transitsFinished.incrementAndGet();
            slot.holds &= ~CallSlot.HOLDS_TRANSIT;
        }
        if ((slot.holds & CallSlot.HOLDS_RECLAIMER) != 0) {
            reclaimers.decrementAndGet();
            slot.holds &= ~CallSlot.HOLDS_RECLAIMER;
        }
    }

    private static void tearPoint(Step step) {
        TearPoint hook = tearForTest;
        if (hook != null) {
            hook.reached(step);
        }
    }

    /**
     * Sampler tick: switches credit off and gives all idle credit back to the shared counter. A
     * thread that read "on" just before may still leave credit in its stripe: the stripes are kept,
     * so the next reclaim (a refusal, a GC reading, the next tick) takes it back.
     */
    void reclaimIdleCredit() {
        if (credit == null) {
            return;
        }
        creditActive = false; // on again at the next collision: at once while threads still contend
        CallSlot own = new CallSlot();
        try {
            reclaimPass(own);
        } finally {
            repairTear(own);
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
        CallSlot own = new CallSlot();
        reclaimers.incrementAndGet();
        own.holds |= CallSlot.HOLDS_RECLAIMER;
        try {
            for (int pass = 0; pass < MAX_RECLAIM_PASSES; pass++) {
                long started = transitsStarted.get();
                long finished = transitsFinished.get();
                boolean moved = reclaimPass(own);
                if (!moved && finished == started && transitsStarted.get() == started) {
                    break;
                }
                Thread.yield();
            }
        } finally {
            repairTear(own); // also the reclaimer count
        }
        return reservedBytes();
    }

    /** Monitor mode: add without a check. */
    void forceReserve(long bytes) {
        reserved.addAndGet(bytes);
    }

    /**
     * Gives {@code bytes} back: to the calling thread's stripe as credit while usage is at or under
     * the credit limit and the stripe stays within its cap, else to the shared counter. Either is one
     * atomic update.
     */
    void release(long bytes) {
        if (!creditActive || bytes > stripeCreditCapBytes || !returnToStripe(credit, bytes)) {
            long after = reserved.addAndGet(-bytes);
            assert after >= 0 : "reserved went negative: " + after;
        }
    }

    /** Release as credit to the calling thread's stripe, when that is allowed; false: not done. */
    private boolean returnToStripe(AtomicLongArray cells, long bytes) {
        int stripe = Stripes.slotOfCurrentThread();
        long idle = cells.get(stripe);
        return idle + bytes <= stripeCreditCapBytes && reclaimers.get() == 0
                && baselineBytes + reserved.get() <= creditLimitBytes && cells.compareAndSet(stripe, idle, idle + bytes);
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
        AtomicLongArray cells = credit;
        if (cells == null) {
            return reserved.get();
        }
        // credit moving between the two reads (a draw, a reclaim) shifts the result by what moves:
        // up for a draw, down for a reclaim; both are rare and bounded by the stripes' caps
        long idle = idleCreditBytes(cells);
        return Math.max(0, reserved.get() - idle);
    }

    /** The shared counter: admitted bytes plus idle credit. */
    long reservedWithCreditBytes() {
        return reserved.get();
    }

    /** Idle credit over all stripes (0 without credit); read stripe by stripe, without a lock. */
    long idleCreditBytes() {
        AtomicLongArray cells = credit;
        return cells == null ? 0 : idleCreditBytes(cells);
    }

    private static long idleCreditBytes(AtomicLongArray cells) {
        long idle = 0;
        for (int i = 0; i < Stripes.COUNT; i++) {
            idle += cells.get(Stripes.slot(i));
        }
        return idle;
    }

    /** Draws and reclaims started and not finished (0 at rest; a torn one stays until its slot is released). */
    long transitsInFlight() {
        return transitsStarted.get() - transitsFinished.get();
    }

    /** Threads taking credit back now (0 at rest). */
    int reclaimers() {
        return reclaimers.get();
    }

    /** Passes refusals made taking credit back, since start (tests: a refusal must not spin). */
    long reclaimPasses() {
        return reclaimPasses.sum();
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
