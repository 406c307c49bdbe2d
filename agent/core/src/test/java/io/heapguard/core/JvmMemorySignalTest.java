package io.heapguard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.time.Duration;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

class JvmMemorySignalTest {

    @Test
    void start_thenGc_deliversLiveHeapAfterGc() {
        JvmMemorySignal signal = new JvmMemorySignal(new InternalLog());
        AtomicLong live = new AtomicLong(-1);
        try {
            signal.start((heapAfterGc, allocatedDuring, kind) -> live.set(heapAfterGc));

            await().until(() -> {
                System.gc();
                return live.get() > 0;
            });

            assertThat(live.get()).isLessThanOrEqualTo(Runtime.getRuntime().maxMemory());
        } finally {
            signal.close();
        }
    }

    @Test
    void sample_readsHeapAndMachineFigures() {
        JvmMemorySignal signal = new JvmMemorySignal(new InternalLog());

        MemorySample sample = signal.sample();

        assertThat(sample.heapUsedBytes()).isPositive();
        assertThat(sample.heapMaxBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
        assertThat(sample.systemTotalBytes()).isGreaterThan(sample.heapMaxBytes());
        assertThat(sample.systemAvailableBytes()).isPositive().isLessThanOrEqualTo(sample.systemTotalBytes());
        assertThat(sample.processRssBytes()).isPositive().isLessThan(sample.systemTotalBytes());
    }

    @Test
    void collectGarbage_returnsLiveHeapOfTheCompleteCollection_toTheCallerOnly() {
        JvmMemorySignal signal = new JvmMemorySignal(new InternalLog());
        AtomicLong completeReadings = new AtomicLong();
        try {
            startCountingCompleteReadings(signal, completeReadings);

            MemorySignal.Collected collected = signal.collectGarbage();

            assertThat(collected.outcome()).isEqualTo(MemorySignal.Collected.Outcome.COMPLETE);
            assertThat(collected.heapAfterGcBytes()).isPositive().isLessThanOrEqualTo(Runtime.getRuntime().totalMemory());
            assertThat(collected.allocatedDuringGcBytes()).as("G1's full collection stops the world").isZero();
            assertThat(completeReadings.get()).as("one reading per collection: the caller's").isZero();
        } finally {
            signal.close();
        }
    }

    @Test
    void collectGarbage_whileNotificationsRunLate_stillConfirms_andTheLateNotificationIsNotASecondReading()
            throws Exception {
        // GC notifications come on one JVM thread, one listener after another: a slow listener
        // ahead of ours (registered first) holds every later notification back, as a busy machine does
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch explicitSeen = new CountDownLatch(1);
        NotificationListener slowListener = (notification, handback) -> {
            if (isExplicitCollection(notification)) {
                explicitSeen.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        List<NotificationEmitter> emitters = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(slowListener, null, null);
                emitters.add(emitter);
            }
        }
        AtomicLong explicitHandled = new AtomicLong();
        NotificationListener countingListener = (notification, handback) -> {
            if (isExplicitCollection(notification)) {
                explicitHandled.incrementAndGet();
            }
        };
        JvmMemorySignal signal = new JvmMemorySignal(new InternalLog());
        AtomicLong completeReadings = new AtomicLong();
        try {
            startCountingCompleteReadings(signal, completeReadings);

            MemorySignal.Collected collected = signal.collectGarbage();

            assertThat(collected.outcome()).as("read from the collector, not from its late notification")
                    .isEqualTo(MemorySignal.Collected.Outcome.COMPLETE);
            assertThat(collected.heapAfterGcBytes()).isPositive().isLessThanOrEqualTo(Runtime.getRuntime().totalMemory());
            assertThat(collected.gcDurationMillis()).isNotNegative();

            assertThat(explicitSeen.await(10, TimeUnit.SECONDS)).as("the slow listener holds the notification back").isTrue();
            // after ours on each emitter, and not in the held-back delivery (begun before it was added):
            // once it saw the next explicit collection, ours has handled both
            emitters.forEach(emitter -> emitter.addNotificationListener(countingListener, null, null));
            long completeBefore = completeReadings.get();
            release.countDown();
            System.gc(); // no caller waits for this one: it is read from its notification
            await().atMost(Duration.ofSeconds(30)).until(() -> explicitHandled.get() >= 1);
            assertThat(completeReadings.get() - completeBefore)
                    .as("the late notification of the caller's collection is not a second reading; the next one is read")
                    .isEqualTo(1);
        } finally {
            release.countDown();
            signal.close();
            for (NotificationEmitter emitter : emitters) {
                emitter.removeNotificationListener(slowListener);
                try {
                    emitter.removeNotificationListener(countingListener);
                } catch (ListenerNotFoundException notAdded) {
                    // the test failed before adding it
                }
            }
        }
    }

    private static void startCountingCompleteReadings(JvmMemorySignal signal, AtomicLong completeReadings) {
        signal.start((heapAfterGc, allocatedDuring, kind) -> {
            if (kind == CollectionKind.COMPLETE) {
                completeReadings.incrementAndGet();
            }
        });
    }

    private static boolean isExplicitCollection(Notification notification) {
        return notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)
                && "System.gc()".equals(GarbageCollectionNotificationInfo
                        .from((CompositeData) notification.getUserData()).getGcCause());
    }

    @Test
    void collectGarbage_beforeStart_cannotConfirm() {
        assertThat(new JvmMemorySignal(new InternalLog()).collectGarbage()).isEqualTo(MemorySignal.Collected.NOTHING_LEARNT);
    }

    @Test
    void keptUnjudged_isTheSmallestKnownMeasure_andZeroWhenNoneIsKnown() {
        assertThat(JvmMemorySignal.keptUnjudged(-1, -1)).isZero();
        assertThat(JvmMemorySignal.keptUnjudged(-1, 300)).isEqualTo(300);
        assertThat(JvmMemorySignal.keptUnjudged(200, -1)).isEqualTo(200);
        assertThat(JvmMemorySignal.keptUnjudged(200, 300)).as("young generation after the cycle").isEqualTo(200);
        assertThat(JvmMemorySignal.keptUnjudged(500, 300)).as("allocated while it ran").isEqualTo(300);
    }

    @Test
    void collectionKind_byCollectorName() {
        assertThat(CollectionKind.of("G1 Young Generation", "end of minor GC", "Allocation Failure")).isEqualTo(CollectionKind.PARTIAL);
        assertThat(CollectionKind.of("G1 Concurrent GC", "end of GC pause", "Allocation Failure")).isEqualTo(CollectionKind.PARTIAL);
        assertThat(CollectionKind.of("G1 Old Generation", "end of major GC", "Allocation Failure")).isEqualTo(CollectionKind.COMPLETE);
        assertThat(CollectionKind.of("PS Scavenge", "end of minor GC", "Allocation Failure")).isEqualTo(CollectionKind.PARTIAL);
        assertThat(CollectionKind.of("MarkSweepCompact", "end of major GC", "Allocation Failure")).isEqualTo(CollectionKind.COMPLETE);
        assertThat(CollectionKind.of("ZGC Minor Cycles", "end of GC cycle", "Allocation Failure")).isEqualTo(CollectionKind.PARTIAL);
        assertThat(CollectionKind.of("ZGC Major Cycles", "end of GC cycle", "System.gc()")).isEqualTo(CollectionKind.COMPLETE);
        assertThat(CollectionKind.of("ZGC Major Cycles", "end of GC cycle", "Allocation Rate"))
                .as("a cycle ZGC started itself keeps what its young collections promoted meanwhile")
                .isEqualTo(CollectionKind.PARTIAL);
        assertThat(CollectionKind.describe("ZGC Major Cycles")).isEqualTo("complete for System.gc()");
        assertThat(CollectionKind.describe("G1 Young Generation")).isEqualTo("partial");
        assertThat(CollectionKind.describe("ZGC Minor Cycles")).as("young cycles, even for System.gc()").isEqualTo("partial");
        assertThat(CollectionKind.of("ZGC Cycles", "end of GC cycle", "System.gc()")).isEqualTo(CollectionKind.COMPLETE);
        assertThat(CollectionKind.of("ZGC Cycles", "end of GC cycle", "Allocation Rate")).isEqualTo(CollectionKind.PARTIAL);
        assertThat(CollectionKind.of("Shenandoah Cycles", "end of GC cycle", "System.gc()")).isEqualTo(CollectionKind.COMPLETE);
        assertThat(CollectionKind.of("Some Future Collector", "end of major GC", "Allocation Failure")).isEqualTo(CollectionKind.COMPLETE);
        assertThat(CollectionKind.of("Some Future Collector", "end of minor GC", "Allocation Failure")).isEqualTo(CollectionKind.PARTIAL);
    }

    @Test
    void procfs_parsesKibFields() {
        assertThat(ProcfsMemoryProbe.parseKib("   24683620 kB")).isEqualTo(24683620L * 1024);
        assertThat(ProcfsMemoryProbe.parseKib("\t2164 kB")).isEqualTo(2164L * 1024);
    }
}
