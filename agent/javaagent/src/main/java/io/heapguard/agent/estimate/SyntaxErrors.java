package io.heapguard.agent.estimate;

/** Builds {@link EstimateSyntaxException}s that all carry the expression and its parameter list. */
final class SyntaxErrors {

    private final String expression;
    private final Parameters parameters;

    SyntaxErrors(String expression, Parameters parameters) {
        this.expression = expression;
        this.parameters = parameters;
    }

    EstimateSyntaxException at(int position, String problem) {
        return new EstimateSyntaxException(expression, position, problem, parameters.describe());
    }
}
