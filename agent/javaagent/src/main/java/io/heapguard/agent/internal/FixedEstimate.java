package io.heapguard.agent.internal;

/** {@code @MemoryAware(bytes = N)}. */
record FixedEstimate(long bytes) implements CallEstimator {

    @Override
    public long estimate(Object[] arguments) {
        return bytes;
    }

    @Override
    public boolean needsArguments() {
        return false;
    }
}
