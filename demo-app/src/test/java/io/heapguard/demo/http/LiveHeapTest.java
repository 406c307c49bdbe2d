package io.heapguard.demo.http;

import org.junit.jupiter.api.Test;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /health}'s liveHeapAfterGc counts what survived the most recent collection, whichever kind it was. */
class LiveHeapTest {

    private static final int MIB = 1024 * 1024;
    /** Retained in arrays of 8 MiB: humongous under G1 (regions up to 16 MiB), so they live in the old generation at once. */
    private static final int RETAINED_MIB = 128;
    private static final int RETAINED_ARRAY_MIB = 8;
    /** Short-lived garbage allocated per step while waiting for a collection. */
    private static final int GARBAGE_BYTES = 64 * 1024;
    /** Allocation after which a collection must have happened, on any heap this test runs with. */
    private static final long MAX_GARBAGE_BYTES = 64L * 1024 * MIB;

    /** Keeps the garbage escaping, so the JIT cannot drop the allocations. */
    @SuppressWarnings("unused")
    private static volatile byte[] garbage;

    @Test
    void afterAYoungCollection_countsTheOldGenerationToo() {
        List<byte[]> retained = retain();

        // a collection caused by allocation: under G1 a young one, which leaves the old generation's
        // collection usage where the last full or mixed collection put it
        allocateUntilACollection();

        assertThat(LiveHeap.afterLastGc()).isGreaterThanOrEqualTo((long) RETAINED_MIB * MIB);
        Reference.reachabilityFence(retained);
    }

    @Test
    void afterAFullCollection_dropsWhatWasReleased() {
        List<byte[]> retained = retain();
        System.gc();
        long whileRetained = LiveHeap.afterLastGc();

        retained.clear();
        System.gc();
        long afterRelease = LiveHeap.afterLastGc();

        assertThat(whileRetained).isGreaterThanOrEqualTo((long) RETAINED_MIB * MIB);
        assertThat(afterRelease).isLessThan(whileRetained - RETAINED_MIB / 2 * MIB);
    }

    private static List<byte[]> retain() {
        List<byte[]> retained = new ArrayList<>();
        for (int i = 0; i < RETAINED_MIB / RETAINED_ARRAY_MIB; i++) {
            retained.add(new byte[RETAINED_ARRAY_MIB * MIB]);
        }
        return retained;
    }

    private static void allocateUntilACollection() {
        long before = collections();
        for (long allocated = 0; collections() == before; allocated += GARBAGE_BYTES) {
            if (allocated > MAX_GARBAGE_BYTES) {
                throw new AssertionError("no garbage collection after allocating " + allocated / MIB + " MiB");
            }
            garbage = new byte[GARBAGE_BYTES];
        }
    }

    private static long collections() {
        long count = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
        }
        return count;
    }
}
