package io.heapguard.agent.estimate;

/**
 * An estimate expression could not be evaluated for one call: a value was null where a number was
 * needed, a property does not exist on the argument's runtime class, a divisor was zero, or a
 * property getter threw. The message names the expression and the part of it that failed.
 */
public final class EstimateEvaluationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String expression;

    EstimateEvaluationException(String expression, String problem, Throwable cause) {
        super("cannot evaluate estimate '" + expression + "': " + problem, cause);
        this.expression = expression;
    }

    /** The expression as written in the annotation. */
    public String expression() {
        return expression;
    }
}
