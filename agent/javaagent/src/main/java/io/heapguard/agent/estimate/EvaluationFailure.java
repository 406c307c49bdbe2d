package io.heapguard.agent.estimate;

/**
 * Thrown by expression nodes when one call's arguments cannot be evaluated; {@link EstimateExpression}
 * turns it into an {@link EstimateEvaluationException} that also names the whole expression.
 */
final class EvaluationFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    EvaluationFailure(String problem) {
        this(problem, null);
    }

    EvaluationFailure(String problem, Throwable cause) {
        // no stack trace: the failure is rethrown at once with a complete message
        super(problem, cause, false, false);
    }
}
