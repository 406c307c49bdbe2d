package io.heapguard.agent.estimate;

/** {@code @MemoryAware(estimate = "...")}, parsed once when the class was transformed. */
public record ExpressionEstimate(EstimateExpression expression) implements CallEstimator {

    @Override
    public long estimate(Arguments arguments) {
        return expression.evaluate(arguments);
    }

    @Override
    public boolean needsArguments() {
        return true;
    }
}
