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

    /**
     * Whether {@link #estimate} reads the argument at {@code index}; the woven code stores only those
     * (all of them when a fallback needs the arguments too). Every one of them by default.
     */
    default boolean readsParameter(int index) {
        return needsArguments();
    }

    /**
     * Whether the weaver compiles this estimate into the woven method itself ({@link #compileTo}): the
     * call then stores no argument and runs no evaluator, and {@link #estimate} is not called.
     */
    default boolean compiles() {
        return false;
    }

    /** Emits the estimate for the woven method's code; only when {@link #compiles()}. */
    default void compileTo(EstimateCode code) {
        throw new IllegalStateException(this + " is evaluated per call, not compiled");
    }
}
