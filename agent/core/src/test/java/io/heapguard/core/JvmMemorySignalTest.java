package io.heapguard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.atomic.AtomicLong;
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
            signal.start((heapAfterGc, allocatedDuring, kind) -> {
                if (kind == CollectionKind.COMPLETE) {
                    completeReadings.incrementAndGet();
                }
            });

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
    void collectGarbage_beforeStart_cannotConfirm() {
        assertThat(new JvmMemorySignal(new InternalLog()).collectGarbage()).isEqualTo(MemorySignal.Collected.NOT_LISTENING);
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
