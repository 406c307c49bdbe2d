package io.heapguard.agent.internal;

import io.heapguard.agent.estimate.EstimateExpression;

/** {@code @MemoryAware(estimate = "...")}, parsed once when the class was transformed. */
record ExpressionEstimate(EstimateExpression expression) implements CallEstimator {

    @Override
    public long estimate(Object[] arguments) {
        return expression.evaluate(arguments);
    }

    @Override
    public boolean needsArguments() {
        return true;
    }
}
