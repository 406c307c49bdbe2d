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

    @Override
    public boolean compiles() {
        return true;
    }

    /** Exact up to 2^53 bytes (8 PiB); larger figures are rejected as too large either way. */
    @Override
    public void compileTo(EstimateCode code) {
        code.constant(bytes);
    }
}
