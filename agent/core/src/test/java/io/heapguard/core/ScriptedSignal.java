package io.heapguard.core;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A memory signal driven by the test: no GC listening (tests call
 * {@link HeapGuard#onLiveHeapAfterGc(long)}), fixed sample figures, and a scripted live heap after
 * a requested GC, which may be slow ({@link #collectionMillis}).
 */
final class ScriptedSignal implements MemorySignal {

    final AtomicInteger gcRequests = new AtomicInteger();
    volatile long liveAfterRequestedGc = -1;
    volatile boolean started;
    /** How long a requested GC takes to answer (a slow, loaded machine); 0 at once. */
    volatile long collectionMillis;

    @Override
    public void start(Readings readings) {
        started = true;
    }

    @Override
    public MemorySample sample() {
        return new MemorySample(10, 100, 1000, 500, 50);
    }

    @Override
    public Collected collectGarbage() {
        gcRequests.incrementAndGet();
        if (collectionMillis > 0) {
            try {
                TimeUnit.MILLISECONDS.sleep(collectionMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long live = liveAfterRequestedGc;
        return live >= 0 ? Collected.complete(live, 0, -1, false) : Collected.NO_COMPLETE_COLLECTION;
    }

    @Override
    public void close() {
    }
}
