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

    @Override
    public boolean readsParameter(int index) {
        return expression.readsParameter(index);
    }

    @Override
    public boolean compiles() {
        return expression.compiles();
    }

    @Override
    public void compileTo(EstimateCode code) {
        expression.compileTo(code);
    }
}
