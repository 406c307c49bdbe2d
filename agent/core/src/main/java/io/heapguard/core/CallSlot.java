package io.heapguard.core;

/**
 * One guarded call's reservation, recorded step by step so that a call interrupted half-way (a
 * {@code StackOverflowError} between two atomic updates) is still released exactly once, by whoever
 * finds the slot later. Filled by {@link HeapGuard#acquire(OperationHandle, long, int, long, CallSlot)},
 * emptied by {@link HeapGuard#release(CallSlot, long)} or handed to a tracked reservation by
 * {@link HeapGuard#track(CallSlot)}.
 *
 * <p>Invariant: {@link #holds} names exactly the counters that carry this call's bytes right now.
 * Each atomic update is followed by the plain store that records it, with no call in between, so
 * no error can strike between the two. Confined to one thread; the agent keeps one per guarded frame
 * and reuses it.
 */
public final class CallSlot {

    static final int HOLDS_NOTHING = 0;
    /** The operation's calls-and-bytes word carries this call. */
    static final int HOLDS_OPERATION = 1;
    /** The overall budget carries this call's bytes. */
    static final int HOLDS_BUDGET = 2;
    static final int HOLDS_BOTH = HOLDS_OPERATION | HOLDS_BUDGET;

    OperationHandle op;
    long bytes;
    int holds;
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
        open = true;
    }

    @Override
    public String toString() {
        return "CallSlot{" + (op == null ? "-" : op.name()) + ", " + bytes + " bytes, holds=" + holds
                + (open ? ", open" : "") + "}";
    }
}
