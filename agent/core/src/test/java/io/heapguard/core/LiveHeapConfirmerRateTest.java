package io.heapguard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The confirmation rate counts the collection's own duration when the collector reports it, not
 * the wall time a starved machine adds around it.
 */
class LiveHeapConfirmerRateTest {

    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger collections = new AtomicInteger();

    /** A collection that takes {@code wallMillis} of (fake) wall time and reports {@code reportedMillis}. */
    private MemorySignal signal(long wallMillis, long reportedMillis) {
        return signal(wallMillis, reportedMillis, false);
    }

    private MemorySignal signal(long wallMillis, long reportedMillis, boolean concurrentCycle) {
        return new MemorySignal() {
            @Override
            public void start(Readings readings) {
            }

            @Override
            public MemorySample sample() {
                return new MemorySample(10, 100, 1000, 500, 50);
            }

            @Override
            public Collected collectGarbage() {
                collections.incrementAndGet();
                clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(wallMillis));
                return Collected.complete(20, 0, reportedMillis, concurrentCycle);
            }

            @Override
            public void close() {
            }
        };
    }

    private LiveHeapConfirmer confirmer(MemorySignal signal) {
        return new LiveHeapConfirmer(signal, (heap, allocated, kind) -> { }, () -> { }, clock::get);
    }

    @Test
    void aStarvedCollection_reportedShort_doesNotHoldTheNextOneBack() {
        try (LiveHeapConfirmer confirmer = confirmer(signal(400, 5))) {
            confirmer.collectNow();
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(150)); // past 100 ms and 20 x 5 ms; not 20 x 400 ms

            confirmer.request();

            await().untilAsserted(() -> assertThat(collections.get()).isEqualTo(2));
        }
    }

    @Test
    void aLongCollection_asReported_stillSpacesTheNextOne() {
        try (LiveHeapConfirmer confirmer = confirmer(signal(400, 400))) {
            confirmer.collectNow();
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(150)); // 20 x 400 ms = 8 s not yet passed

            confirmer.requestAndAwait(java.time.Duration.ofMillis(500), false); // would wait for one that started

            assertThat(collections.get()).isEqualTo(1);
            assertThat(confirmer.lastDurationMillis()).as("what the caller waited, as measured").isEqualTo(400);
        }
    }

    @Test
    void aConcurrentCycle_isSpacedByItsSmallerFactor_aPauseOfTheSameLengthIsNot() {
        try (LiveHeapConfirmer concurrent = confirmer(signal(400, 400, true))) {
            concurrent.collectNow();
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(400 * LiveHeapConfirmer.INTERVAL_PER_CONCURRENT_CYCLE + 1));

            concurrent.request();

            await().untilAsserted(() -> assertThat(collections.get()).isEqualTo(2));
        }
        try (LiveHeapConfirmer pause = confirmer(signal(400, 400, false))) {
            pause.collectNow();
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(400 * LiveHeapConfirmer.INTERVAL_PER_CONCURRENT_CYCLE + 1));

            pause.requestAndAwait(java.time.Duration.ofMillis(200), false);

            assertThat(collections.get()).as("a 400 ms pause still holds the next one back 8 s").isEqualTo(3);
        }
    }
}
