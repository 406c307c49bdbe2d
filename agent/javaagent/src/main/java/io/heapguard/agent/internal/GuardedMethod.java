package io.heapguard.agent.internal;

import io.heapguard.agent.estimate.CallEstimator;
import io.heapguard.core.OperationHandle;

/**
 * Everything a woven method's calls need, resolved once when its class was transformed: the
 * annotation's values are constants here, so a call never reflects or looks up a name.
 *
 * @param displayName   {@code com.example.Search#vector(float[], int)} for messages
 * @param operation     the operation's counters and limits
 * @param maxWaitMillis 0 unless {@code onReject = WAIT}
 * @param fallback      null unless {@code onReject = FALLBACK} with a valid fallback method
 * @param strictFailure non-null when {@code strict=true} and the annotation is invalid: every call fails with it
 * @param rejections    makes rejections catchable by the woven class (see {@link RejectionTranslator})
 * @param parameterKinds one descriptor letter per parameter ({@code I J F D Z B C S}, {@code L} for any
 *                       reference or array): how to read the woven call's {@link ThreadCalls frame}
 * @param allocationSampling which of its calls measure their allocation
 */
record GuardedMethod(int id, String displayName, OperationHandle operation, int priority, long maxWaitMillis,
                     CallEstimator estimator, boolean async, FallbackInvoker fallback, String strictFailure,
                     RejectionTranslator rejections, String parameterKinds,
                     AllocationSampling allocationSampling) {

    /**
     * Which arguments the woven code stores in the thread's frame, by index: every one the estimate
     * reads, and all of them for a fallback (it is called with the arguments).
     */
    boolean[] storedArguments(int parameterCount) {
        boolean[] stored = new boolean[parameterCount];
        for (int i = 0; i < parameterCount; i++) {
            stored[i] = fallback != null || estimator.readsParameter(i);
        }
        return stored;
    }

    /** Key under which internal errors of this method's estimates are counted (and logged once). */
    String estimateErrorKey() {
        return "estimate " + displayName;
    }
}
