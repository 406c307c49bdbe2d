package io.heapguard.agent.internal;

/**
 * Which woven calls measure what they allocate. Reading the thread's allocated bytes costs about
 * 30 ns, twice per call, and feeds statistics only, so a method's first {@value #MEASURED_FIRST_CALLS}
 * calls are all measured (short runs and tests see exact figures) and after them one call in
 * {@value #ONE_IN}, drawn at random per thread, whose figure then counts {@value #ONE_IN} times in the
 * operation's allocated-bytes total (it stands for that many calls). Random, not every N-th call: a
 * thread alternating between methods would otherwise measure some of them always and others never.
 *
 * <p>One per guarded method. The count of first calls is a plain field: a lost increment under a race
 * only measures one call more.
 */
final class AllocationSampling {

    /** Each method's first calls are measured, every one. */
    static final int MEASURED_FIRST_CALLS = 1000;
    /** After them one call in this many is measured: a power of two, decided with a mask. */
    static final int ONE_IN = 16;
    /** The sample weight of a call that is not measured. */
    static final int NOT_MEASURED = 0;

    private int firstCallsMeasured;

    /**
     * Decides for one call: {@link #NOT_MEASURED}, or how many calls its measurement stands for (1 for
     * one of the first calls, {@link #ONE_IN} for a sampled one). Allocation-free.
     */
    int weightOfCall(ThreadCalls thread) {
        if (firstCallsMeasured < MEASURED_FIRST_CALLS) {
            firstCallsMeasured++;
            return 1;
        }
        return (thread.nextRandom() & (ONE_IN - 1)) == 0 ? ONE_IN : NOT_MEASURED;
    }
}
