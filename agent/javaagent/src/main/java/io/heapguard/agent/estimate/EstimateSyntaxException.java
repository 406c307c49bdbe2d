package io.heapguard.agent.estimate;

/**
 * A malformed {@code @MemoryAware(estimate = ...)} expression, found when it is parsed (once, when
 * the annotated class is transformed). The message names the expression, the 0-based position with
 * a caret line under it, what was expected there, and the parameters the expression may use.
 */
public final class EstimateSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String expression;
    private final int position;
    private final String problem;

    EstimateSyntaxException(String expression, int position, String problem, String parametersDescription) {
        super(message(expression, position, problem, parametersDescription));
        this.expression = expression;
        this.position = position;
        this.problem = problem;
    }

    /** The expression as written in the annotation. */
    public String expression() {
        return expression;
    }

    /** The 0-based character position of the problem; the expression's length means "at its end". */
    public int position() {
        return position;
    }

    /** What is wrong, without the expression and parameter list, e.g. {@code expected ')'}. */
    public String problem() {
        return problem;
    }

    private static String message(String expression, int position, String problem, String parameters) {
        String where = position >= expression.length() ? "position " + position + " (end of expression)"
                : "position " + position;
        return "bad estimate '" + expression + "' at " + where + ": " + problem + "; parameters: " + parameters
                + System.lineSeparator() + "    " + expression
                + System.lineSeparator() + "    " + " ".repeat(position) + "^";
    }
}
