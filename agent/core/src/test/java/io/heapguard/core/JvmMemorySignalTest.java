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
    void collectGarbage_returnsLiveHeapOfTheCompleteCollection_andDeliversIt() {
        JvmMemorySignal signal = new JvmMemorySignal(new InternalLog());
        AtomicLong completeReading = new AtomicLong(-1);
        try {
            signal.start((heapAfterGc, allocatedDuring, kind) -> {
                if (kind == CollectionKind.COMPLETE) {
                    completeReading.set(heapAfterGc);
                }
            });

            long live = signal.collectGarbage();

            assertThat(live).isPositive().isLessThanOrEqualTo(Runtime.getRuntime().totalMemory());
            assertThat(completeReading.get()).as("the same reading, through the notification").isEqualTo(live);
        } finally {
            signal.close();
        }
    }

    @Test
    void collectGarbage_beforeStart_cannotConfirm() {
        assertThat(new JvmMemorySignal(new InternalLog()).collectGarbage()).isEqualTo(MemorySignal.NOT_LISTENING);
    }

    @Test
    void collectionKind_byCollectorName() {
        assertThat(CollectionKind.of("G1 Young Generation", "end of minor GC")).isEqualTo(CollectionKind.PARTIAL);
        assertThat(CollectionKind.of("G1 Concurrent GC", "end of GC pause")).isEqualTo(CollectionKind.PARTIAL);
        assertThat(CollectionKind.of("G1 Old Generation", "end of major GC")).isEqualTo(CollectionKind.COMPLETE);
        assertThat(CollectionKind.of("PS Scavenge", "end of minor GC")).isEqualTo(CollectionKind.PARTIAL);
        assertThat(CollectionKind.of("MarkSweepCompact", "end of major GC")).isEqualTo(CollectionKind.COMPLETE);
        assertThat(CollectionKind.of("ZGC Minor Cycles", "end of GC cycle")).isEqualTo(CollectionKind.PARTIAL);
        assertThat(CollectionKind.of("ZGC Major Cycles", "end of GC cycle")).isEqualTo(CollectionKind.COMPLETE);
        assertThat(CollectionKind.of("ZGC Cycles", "end of GC cycle")).isEqualTo(CollectionKind.COMPLETE);
        assertThat(CollectionKind.of("Some Future Collector", "end of major GC")).isEqualTo(CollectionKind.COMPLETE);
        assertThat(CollectionKind.of("Some Future Collector", "end of minor GC")).isEqualTo(CollectionKind.PARTIAL);
    }

    @Test
    void procfs_parsesKibFields() {
        assertThat(ProcfsMemoryProbe.parseKib("   24683620 kB")).isEqualTo(24683620L * 1024);
        assertThat(ProcfsMemoryProbe.parseKib("\t2164 kB")).isEqualTo(2164L * 1024);
    }
}
