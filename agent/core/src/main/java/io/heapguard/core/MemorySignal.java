package io.heapguard.core;

import java.util.function.LongConsumer;

/**
 * Where the guard's memory figures come from. Internal: the JVM implementation listens to GC
 * notifications; tests use a scripted one and feed live-heap figures to the guard directly.
 * Every method runs off the hot path (sampler, GC notification or cleanup thread).
 */
interface MemorySignal extends AutoCloseable {

    /** Starts delivering the live heap after each GC, in bytes. Called once, on the sampler thread. */
    void start(LongConsumer liveHeapAfterGc);

    /** Reads the current figures; may be slow on first use (OSHI). */
    MemorySample sample();

    /** Runs a full GC and returns the live heap after it, or -1 when unknown. */
    long collectGarbage();

    @Override
    void close();
}
