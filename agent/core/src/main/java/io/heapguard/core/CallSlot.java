package io.heapguard.core;

/**
 * One guarded call's reservation, recorded step by step so that a call interrupted half-way (a
 * {@code StackOverflowError} between two atomic updates) is still released exactly once, by whoever
 * finds the slot later. Filled by {@link HeapGuard#acquire(OperationHandle, long, int, long, CallSlot)},
 * emptied by {@link HeapGuard#release(CallSlot, long)} or handed to a tracked reservation by
 * {@link HeapGuard#track(CallSlot)}.
 *
 * <p>Invariant: {@link #holds} names exactly the counters that carry this call's bytes right now,
 * and any per-thread credit this call is moving ({@link Budget}): credit counted in the budget's
 * shared counter that no stripe holds ({@link #HOLDS_STRAY_CREDIT}, {@link #strayCreditBytes}), a
 * transit it opened ({@link #HOLDS_TRANSIT}), a reclaim it counts in ({@link #HOLDS_RECLAIMER}).
 * Each atomic update is followed by the plain store that records it, with no call in between, so
 * no error can strike between the two; releasing the slot gives back all of it. The credit bits are
 * set only while the guard runs inside {@code acquire}: on a normal return they are clear. Confined
 * to one thread; the agent keeps one per guarded frame and reuses it.
 */
public final class CallSlot {

    static final int HOLDS_NOTHING = 0;
    /** The operation's calls-and-bytes word carries this call. */
    static final int HOLDS_OPERATION = 1;
    /** The overall budget carries this call's bytes. */
    static final int HOLDS_BUDGET = 2;
    static final int HOLDS_BOTH = HOLDS_OPERATION | HOLDS_BUDGET;
    /** The budget's shared counter carries {@link #strayCreditBytes} of credit that no stripe holds yet (or any more). */
    static final int HOLDS_STRAY_CREDIT = 4;
    /** This call opened a credit transit (a draw or a reclaim) it has not closed. */
    static final int HOLDS_TRANSIT = 8;
    /** This call counts among the budget's reclaimers. */
    static final int HOLDS_RECLAIMER = 16;

    OperationHandle op;
    long bytes;
    int holds;
    /** Credit this call moves between the shared counter and the stripes; 0 unless {@link #HOLDS_STRAY_CREDIT}. */
    long strayCreditBytes;
    /** Between acquire and release: release does its work once. */
    boolean open;

    /** The bytes this call holds now (0 when it holds nothing, or only part of an interrupted admission). */
    public long reservedBytes() {
        return holds == HOLDS_BOTH ? bytes : 0L;
    }

    /** Whether the slot was acquired and not yet released or handed off. */
    public boolean isOpen() {
        return open;
    }

    void begin(OperationHandle operation, long requestedBytes) {
        op = operation;
        bytes = requestedBytes;
        holds = HOLDS_NOTHING;
        strayCreditBytes = 0;
        open = true;
    }

    @Override
    public String toString() {
        return "CallSlot{" + (op == null ? "-" : op.name()) + ", " + bytes + " bytes, holds=" + holds
                + (open ? ", open" : "") + "}";
    }
}
