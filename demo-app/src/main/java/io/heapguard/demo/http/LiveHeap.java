package io.heapguard.demo.http;

import com.sun.management.GcInfo;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The heap in use right after the most recent garbage collection: the live heap without the garbage
 * made since, as far as that collection went (a young collection leaves old-generation garbage in
 * place, so this is an upper bound, like the heap figure after each pause in the GC log).
 *
 * <p>Why not the pools' {@code getCollectionUsage()}: each pool's figure changes only when a
 * collector that manages it runs over it. Under G1 young collections never update the old
 * generation's, so its figure stays at the last full or mixed collection while the old generation
 * grows (it read 11 MiB while the GC log said 120 MiB). {@code getLastGcInfo()} reports every pool
 * after that collection, the old generation included.
 */
final class LiveHeap {

    private LiveHeap() {
    }

    /** Bytes of heap in use after the most recent collection; before the first one, the pools' collection usage. */
    static long afterLastGc() {
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        GcInfo latest = null;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            GcInfo info = collector instanceof com.sun.management.GarbageCollectorMXBean withInfo
                    ? withInfo.getLastGcInfo() : null;
            // ZGC's and Shenandoah's pause collectors report every pool as empty: only a collection
            // that saw a heap in use says what is live
            if (info != null && used(info.getMemoryUsageBeforeGc(), heapPools) > 0
                    && (latest == null || info.getEndTime() > latest.getEndTime())) {
                latest = info;
            }
        }
        return latest != null ? used(latest.getMemoryUsageAfterGc(), heapPools) : collectionUsage();
    }

    private static long used(Map<String, MemoryUsage> usageByPool, Set<String> heapPools) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : usageByPool.entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        return used;
    }

    /** The fallback without {@code com.sun.management} (or before any collection): lags under G1, see above. */
    private static long collectionUsage() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        return used;
    }
}
