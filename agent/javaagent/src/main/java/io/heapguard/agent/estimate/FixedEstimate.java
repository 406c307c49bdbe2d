package io.heapguard.agent.estimate;

/** {@code @MemoryAware(bytes = N)}. */
public record FixedEstimate(long bytes) implements CallEstimator {

    @Override
    public long estimate(Arguments arguments) {
        return bytes;
    }

    @Override
    public boolean needsArguments() {
        return false;
    }
}
