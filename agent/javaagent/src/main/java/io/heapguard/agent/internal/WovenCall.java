package io.heapguard.agent.internal;

import io.heapguard.core.CallSlot;

/**
 * One guarded call on one thread, from its enter advice to its exit advice: the object the woven
 * method keeps in a local. Reused for later calls at the same nesting depth of its thread.
 */
final class WovenCall {

    final ThreadCalls thread;
    /** Nesting depth on its thread: 0 for the outermost guarded call. */
    final int index;
    final CallSlot slot = new CallSlot();
    GuardedMethod method;
    /** The thread's allocated bytes when the call was admitted, -1 when unknown or not measured. */
    long allocatedAtEnter;
    /** How many calls this one's measured allocation stands for; {@link AllocationSampling#NOT_MEASURED} if none. */
    int sampleWeight;

    WovenCall(ThreadCalls thread, int index) {
        this.thread = thread;
        this.index = index;
    }

    @Override
    public String toString() {
        return "WovenCall{" + (method == null ? "-" : method.displayName()) + ", depth " + index + ", " + slot + "}";
    }
}
