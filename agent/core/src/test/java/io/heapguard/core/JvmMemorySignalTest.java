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
            signal.start(live::set);

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
    void collectGarbage_returnsLiveHeap() {
        long live = new JvmMemorySignal(new InternalLog()).collectGarbage();

        assertThat(live).isPositive().isLessThanOrEqualTo(Runtime.getRuntime().totalMemory());
    }

    @Test
    void procfs_parsesKibFields() {
        assertThat(ProcfsMemoryProbe.parseKib("   24683620 kB")).isEqualTo(24683620L * 1024);
        assertThat(ProcfsMemoryProbe.parseKib("\t2164 kB")).isEqualTo(2164L * 1024);
    }
}
