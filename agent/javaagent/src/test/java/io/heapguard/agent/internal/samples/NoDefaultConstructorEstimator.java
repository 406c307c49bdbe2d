package io.heapguard.agent.internal.samples;

import io.heapguard.MemoryEstimator;

public class NoDefaultConstructorEstimator implements MemoryEstimator {
    public NoDefaultConstructorEstimator(String required) {
    }

    @Override
    public long estimateBytes(Object[] args) {
        return 0;
    }
}
