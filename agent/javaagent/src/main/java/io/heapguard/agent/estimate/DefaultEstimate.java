package io.heapguard.agent.estimate;

import io.heapguard.core.HeapGuard;
import io.heapguard.core.OperationHandle;

/** No estimate given (or an invalid one): the operation's configured default. */
public record DefaultEstimate(HeapGuard guard, OperationHandle operation) implements CallEstimator {

    @Override
    public long estimate(Arguments arguments) {
        return guard.defaultEstimate(operation);
    }

    @Override
    public boolean needsArguments() {
        return false;
    }
}
