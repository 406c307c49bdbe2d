package io.heapguard.agent.internal;

import io.heapguard.core.HeapGuard;

/**
 * The guarded calls in progress on one thread, innermost last, and whether guards are suspended on
 * it (while an estimate is evaluated).
 *
 * <p>Why a per-thread record: at the bottom of a deep recursion a {@code StackOverflowError} can
 * strike the guard itself, inside an enter advice after the bytes were reserved, or inside an exit
 * advice before they were released. The frame that owned the call is gone, but its reservation is
 * still here: the next exit of an enclosing guarded call releases every call recorded above its own
 * (they can only be such leftovers, calls end in LIFO order on a thread), and the next admission on
 * the thread releases a call whose enter never handed it to its frame ({@link #pending}). Each
 * release is recorded in the call's {@code CallSlot} step by step, so a release interrupted half-way
 * is finished, never repeated.
 *
 * <p>Confined to its thread: plain fields, no synchronization.
 */
final class ThreadCalls {

    private static final int INITIAL_DEPTH = 8;
    private static final int NONE = -1;

    private WovenCall[] calls = new WovenCall[INITIAL_DEPTH];
    /** Calls recorded: calls[0 .. depth-1]. */
    private int depth;
    /** The index of a call being admitted and not yet handed to its frame, or {@link #NONE}. */
    private int pending = NONE;
    /** Above 0 while an estimate is evaluated on this thread: guarded methods it calls are not admitted. */
    int suspended;

    /** Records a new innermost call; it is pending until {@link #handedOver}. */
    WovenCall push(GuardedMethod method) {
        if (depth == calls.length) {
            WovenCall[] grown = new WovenCall[calls.length * 2];
            System.arraycopy(calls, 0, grown, 0, calls.length);
            calls = grown;
        }
        WovenCall call = calls[depth];
        if (call == null) {
            call = new WovenCall(this, depth);
            calls[depth] = call;
        }
        call.method = method;
        call.allocatedAtEnter = -1L;
        pending = depth;
        depth++;
        return call;
    }

    /** The enter advice has the call now: from here its exit releases it. */
    void handedOver(WovenCall call) {
        if (pending == call.index) {
            pending = NONE;
        }
    }

    /** Forgets the innermost call, which holds nothing (it was rejected). */
    void dropRejected(WovenCall call) {
        depth = call.index;
        pending = NONE;
    }

    /** Releases a call that an earlier admission on this thread recorded but never handed over. */
    void releasePending(HeapGuard guard) {
        if (pending != NONE && pending < depth) {
            releaseFrom(calls[pending], guard, -1L);
        }
        pending = NONE;
    }

    boolean hasPending() {
        return pending != NONE;
    }

    /**
     * Releases {@code owner} and every call recorded above it (leftovers whose exits did not run), innermost
     * first; {@code depth} drops only after each release completed.
     *
     * @param allocatedBytes what the owner's call allocated, -1 when unknown
     */
    void releaseFrom(WovenCall owner, HeapGuard guard, long allocatedBytes) {
        if (owner.index >= depth || calls[owner.index] != owner) {
            return; // released already
        }
        for (int i = depth - 1; i > owner.index; i--) {
            guard.release(calls[i].slot, -1L);
            depth = i;
        }
        guard.release(owner.slot, allocatedBytes);
        depth = owner.index;
        if (pending >= depth) {
            pending = NONE;
        }
    }

    /** Releases the calls recorded above {@code owner}, leaving the owner itself recorded. */
    void releaseAbove(WovenCall owner, HeapGuard guard) {
        for (int i = depth - 1; i > owner.index; i--) {
            guard.release(calls[i].slot, -1L);
            depth = i;
        }
    }

    /** Forgets {@code owner} after its reservation was handed to someone else (a tracked reservation). */
    void forget(WovenCall owner) {
        if (owner.index < depth) {
            depth = owner.index;
        }
        if (pending >= depth) {
            pending = NONE;
        }
    }

    int depth() {
        return depth;
    }
}
