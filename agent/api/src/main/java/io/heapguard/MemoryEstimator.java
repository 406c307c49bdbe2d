package io.heapguard;

/**
 * Sizes a {@link MemoryAware} call from its arguments. Implementations need a public no-argument
 * constructor; the agent creates one instance per annotated method and calls it concurrently, so it
 * must be thread-safe and should not allocate.
 */
@FunctionalInterface
public interface MemoryEstimator {

    /**
     * @param args the call's arguments, in declaration order (never null, may be empty)
     * @return the estimated bytes the call will need; negative values are treated as 0
     */
    long estimateBytes(Object[] args);
}
