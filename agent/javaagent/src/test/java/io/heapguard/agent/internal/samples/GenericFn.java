package io.heapguard.agent.internal.samples;

/** Implemented by {@link BridgeSamples}: a generic interface, so javac adds a bridge to the implementation. */
public interface GenericFn<T> {
    T apply(T value, long bytes);
}
