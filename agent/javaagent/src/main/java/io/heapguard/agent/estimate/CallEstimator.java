package io.heapguard.agent.estimate;

/**
 * Sizes one call of a woven method; chosen and prepared at transformation time. The forms:
 * {@link FixedEstimate} ({@code bytes}), {@link ExpressionEstimate} ({@code estimate}),
 * {@link EstimatorInstanceEstimate} ({@code estimator}) and {@link DefaultEstimate} (none, or invalid).
 */
public interface CallEstimator {

    /**
     * Estimated bytes; may throw, the caller then fails open to the operation's default estimate.
     *
     * @param arguments the call's arguments; null when {@link #needsArguments()} is false
     */
    long estimate(Arguments arguments) throws Exception;

    /** Whether {@link #estimate} reads the arguments (else the woven code stores none). */
    boolean needsArguments();
}
