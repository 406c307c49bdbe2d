package io.heapguard.agent.internal;

import io.heapguard.agent.estimate.Arguments;
import io.heapguard.bootstrap.ArgumentFrame;
import io.heapguard.core.HeapGuard;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

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
 * <p>It is also the thread's {@link ArgumentFrame}: the woven code stores a call's arguments in it, typed,
 * right before the admission, which reads them as {@link Arguments} (knowing the method's
 * {@link GuardedMethod#parameterKinds() parameter kinds}) and then forgets them ({@link #doneReading}).
 *
 * <p>Confined to its thread: plain fields, no synchronization.
 */
final class ThreadCalls extends ArgumentFrame implements Arguments {

    private static final int INITIAL_DEPTH = 8;
    private static final int NONE = -1;

    private WovenCall[] calls = new WovenCall[INITIAL_DEPTH];
    /** Calls recorded: calls[0 .. depth-1]. */
    private int depth;
    /** The index of a call being admitted and not yet handed to its frame, or {@link #NONE}. */
    private int pending = NONE;
    /** Above 0 while an estimate is evaluated on this thread: guarded methods it calls are not admitted. */
    int suspended;
    /** The parameter kinds of the call whose arguments the frame holds; empty when it holds none. */
    private String kinds = "";
    /** Arrays handed to {@code MemoryEstimator}s, one per parameter count, reused (see {@link #boxed}). */
    private Object[][] boxedByCount = new Object[0][];
    /** xorshift state for {@link AllocationSampling}: never 0. */
    private long random = ThreadLocalRandom.current().nextLong() | 1L;

    /** 32 random bits, from this thread's own generator: no shared state, no allocation. */
    int nextRandom() {
        long x = random;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        random = x;
        return (int) (x >>> 32);
    }

    /** The frame now holds the arguments of a call of a method with these parameter kinds. */
    void reading(String parameterKinds) {
        kinds = parameterKinds;
    }

    /** The call's arguments are no longer needed: references are dropped so the frame keeps nothing alive. */
    void doneReading() {
        int count = kinds.length();
        clearReferences(count);
        if (count < boxedByCount.length && boxedByCount[count] != null) {
            Arrays.fill(boxedByCount[count], null);
        }
        kinds = "";
    }

    @Override
    public Object object(int index) {
        long bits = primitiveBits(index);
        return switch (kinds.charAt(index)) {
            case 'L' -> reference(index);
            case 'Z' -> bits != 0;
            case 'B' -> (byte) bits;
            case 'C' -> (char) bits;
            case 'S' -> (short) bits;
            case 'I' -> (int) bits;
            case 'J' -> bits;
            case 'F' -> Float.intBitsToFloat((int) bits);
            case 'D' -> Double.longBitsToDouble(bits);
            default -> throw new IllegalStateException("unknown parameter kind '" + kinds.charAt(index) + "'");
        };
    }

    @Override
    public double primitive(int index) {
        long bits = primitiveBits(index);
        return switch (kinds.charAt(index)) {
            case 'F' -> Float.intBitsToFloat((int) bits);
            case 'D' -> Double.longBitsToDouble(bits);
            default -> bits; // integral kinds were stored widened
        };
    }

    /** Reuses one array per parameter count on this thread; its primitives are boxed (may allocate). */
    @Override
    public Object[] boxed() {
        int count = kinds.length();
        if (count >= boxedByCount.length) {
            boxedByCount = Arrays.copyOf(boxedByCount, count + 1);
        }
        Object[] array = boxedByCount[count];
        if (array == null) {
            array = new Object[count];
            boxedByCount[count] = array;
        }
        for (int i = 0; i < count; i++) {
            array[i] = object(i);
        }
        return array;
    }

    /** A fresh boxed copy of the arguments, for a fallback (rejected calls only). */
    Object[] copyArguments() {
        int count = kinds.length();
        Object[] copy = new Object[count];
        for (int i = 0; i < count; i++) {
            copy[i] = object(i);
        }
        return copy;
    }

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
        call.sampleWeight = AllocationSampling.NOT_MEASURED;
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
            releaseFrom(calls[pending], guard, -1L, AllocationSampling.NOT_MEASURED);
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
     * @param allocatedBytes what the owner's call allocated, -1 when unknown or not measured
     * @param sampleWeight   how many calls that figure stands for (see {@link AllocationSampling})
     */
    void releaseFrom(WovenCall owner, HeapGuard guard, long allocatedBytes, int sampleWeight) {
        if (owner.index >= depth || calls[owner.index] != owner) {
            return; // released already
        }
        for (int i = depth - 1; i > owner.index; i--) {
            guard.release(calls[i].slot, -1L);
            depth = i;
        }
        guard.release(owner.slot, allocatedBytes, sampleWeight);
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
