package io.heapguard.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * A memory signal driven by the test: no GC listening (tests call
 * {@link HeapGuard#onLiveHeapAfterGc(long)}), fixed sample figures, and a scripted live heap after
 * a requested GC.
 */
final class ScriptedSignal implements MemorySignal {

    final AtomicInteger gcRequests = new AtomicInteger();
    volatile long liveAfterRequestedGc = -1;
    volatile boolean started;

    @Override
    public void start(LongConsumer liveHeapAfterGc) {
        started = true;
    }

    @Override
    public MemorySample sample() {
        return new MemorySample(10, 100, 1000, 500, 50);
    }

    @Override
    public long collectGarbage() {
        gcRequests.incrementAndGet();
        return liveAfterRequestedGc;
    }

    @Override
    public void close() {
    }
}
