package io.heapguard.agent.internal.samples;

import io.heapguard.MemoryEstimator;

public class HalfEstimator implements MemoryEstimator {
    @Override
    public long estimateBytes(Object[] args) {
        return (Long) args[0] / 2;
    }
}
