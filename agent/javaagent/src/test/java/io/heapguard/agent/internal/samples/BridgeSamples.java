package io.heapguard.agent.internal.samples;

import io.heapguard.MemoryAware;

/** A generic interface implementation: javac adds a bridge {@code apply(Object, long)} carrying the annotation. */
public class BridgeSamples implements GenericFn<String> {

    public static int bodyRuns;

    @MemoryAware(operation = "sample.bridge", estimate = "bytes")
    @Override
    public String apply(String value, long bytes) {
        bodyRuns++;
        return value;
    }
}
