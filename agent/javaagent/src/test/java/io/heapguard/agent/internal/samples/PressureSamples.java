package io.heapguard.agent.internal.samples;

import java.util.concurrent.atomic.AtomicInteger;

import io.heapguard.MemoryAware;
import io.heapguard.OnMemoryPressure;

/** {@code @OnMemoryPressure} hooks, static and per instance, and a call big enough to reach the cleanup threshold. */
public class PressureSamples {

    public static final AtomicInteger STATIC_RUNS = new AtomicInteger();
    public static final AtomicInteger INSTANCE_RUNS = new AtomicInteger();

    public PressureSamples() {
    }

    /** Chains to the no-argument constructor: the instance must still be registered once. */
    public PressureSamples(int ignored) {
        this();
    }

    @OnMemoryPressure
    public static long dropStaticCache() {
        STATIC_RUNS.incrementAndGet();
        return 100;
    }

    @OnMemoryPressure
    public void dropInstanceCache() {
        INSTANCE_RUNS.incrementAndGet();
    }

    @MemoryAware(operation = "sample.big", estimate = "bytes", priority = 1)
    public static long big(long bytes) {
        return bytes;
    }
}
