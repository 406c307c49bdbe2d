package io.heapguard.agent.internal;

/** Sizes one call of a woven method; chosen and prepared at transformation time. */
interface CallEstimator {

    /** Estimated bytes; may throw, the caller then fails open to the operation's default estimate. */
    long estimate(Object[] arguments) throws Exception;

    /** Whether {@link #estimate} reads the arguments (else the woven code passes none). */
    boolean needsArguments();
}
