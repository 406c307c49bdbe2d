package io.heapguard;

/**
 * Sizes a {@link MemoryAware} call from its arguments. Implementations need a public no-argument
 * constructor; the agent creates one instance per annotated method and calls it concurrently, so it
 * must be thread-safe and should not allocate.
 */
@FunctionalInterface
public interface MemoryEstimator {

    /**
     * @param args the call's arguments, in declaration order, primitives boxed (never null, may be
     *             empty). The array is reused for the thread's next call: read it during this call,
     *             do not keep it or change it.
     * @return the estimated bytes the call will need; negative values are treated as 0
     */
    long estimateBytes(Object[] args);
}
