package io.heapguard.core;

import java.util.Set;

/**
 * What a garbage collection tells about liveness. A {@link #COMPLETE} collection traced the whole
 * heap, so the heap in use after it is live data (plus at most what was allocated while it ran). A
 * {@link #PARTIAL} one traced only part of it (a young collection, a G1 mixed collection, a pause
 * of a concurrent cycle): what it leaves in the old generation still holds garbage that only a
 * complete collection reclaims, so the heap after it is only an upper bound on live data.
 *
 * <p>Classified by the collector's MXBean name (docs/memory-signal.md has the table per collector);
 * an unknown collector counts as complete only for an {@code "end of major GC"}. A concurrent
 * collector's cycle counts as complete only when {@code System.gc()} ran it: a cycle the collector
 * started itself under load keeps, besides what was allocated while it ran, what its young
 * collections promoted meanwhile (generational ZGC: hundreds of MiB of dead buffers on a 256 MiB
 * heap), which no MXBean measures; a cycle for {@code System.gc()} starts by promoting all young
 * objects and is the one the guard can correct.
 */
enum CollectionKind {
    COMPLETE,
    PARTIAL;

    /** Collectors (GarbageCollectorMXBean names) whose every collection traces the whole heap. */
    private static final Set<String> COMPLETE_COLLECTORS = Set.of(
            "MarkSweepCompact",     // Serial full collection
            "PS MarkSweep",         // Parallel full collection
            "G1 Old Generation",    // G1 full collection (System.gc(), or evacuation failure)
            "ZGC Cycles",           // ZGC, single generation (JDK 17, and JDK 21-22 without ZGenerational)
            "ZGC Major Cycles",     // generational ZGC (JDK 21+): marks young and old
            "Shenandoah Cycles",    // Shenandoah: every cycle marks the whole heap
            "ConcurrentMarkSweep"); // CMS (JDK 8-13), for completeness

    /** Collectors known to leave old-generation garbage behind. */
    private static final Set<String> PARTIAL_COLLECTORS = Set.of(
            "Copy", "PS Scavenge", "ParNew",
            "G1 Young Generation",  // young and mixed collections
            "G1 Concurrent GC",     // JDK 20+: the Remark and Cleanup pauses of a concurrent cycle
            "ZGC Minor Cycles");

    /** Concurrent collectors' cycle MXBeans, by the name of the same collector's pause MXBean. */
    private static final java.util.Map<String, String> CYCLE_BY_PAUSES = java.util.Map.of(
            "ZGC Pauses", "ZGC Cycles",
            "ZGC Major Pauses", "ZGC Major Cycles",
            "ZGC Minor Pauses", "ZGC Minor Cycles",
            "Shenandoah Pauses", "Shenandoah Cycles");

    /**
     * For a concurrent collector's pause MXBean, the MXBean of its cycles (the first pause of a
     * cycle marks where the cycle starts keeping everything allocated); null for other collectors.
     */
    static String cycleOfPauses(String collectorName) {
        return CYCLE_BY_PAUSES.get(collectorName);
    }

    /** For the stats: what a collector's collections are ("complete", "partial", "complete for System.gc()"). */
    static String describe(String collectorName) {
        if (isConcurrentCycle(collectorName) && of(collectorName, "", EXPLICIT_GC_CAUSE) == COMPLETE) {
            return "complete for " + EXPLICIT_GC_CAUSE;
        }
        return of(collectorName, "", "").name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether every collection of this collector is known to be partial. */
    static boolean isPartialCollector(String collectorName) {
        return PARTIAL_COLLECTORS.contains(collectorName);
    }

    static boolean isConcurrentCycle(String collectorName) {
        return CYCLE_BY_PAUSES.containsValue(collectorName);
    }

    /** The cause a collection run by {@code System.gc()} reports. */
    static final String EXPLICIT_GC_CAUSE = "System.gc()";

    static CollectionKind of(String collectorName, String gcAction, String gcCause) {
        if (COMPLETE_COLLECTORS.contains(collectorName)) {
            return !isConcurrentCycle(collectorName) || EXPLICIT_GC_CAUSE.equals(gcCause) ? COMPLETE : PARTIAL;
        }
        if (PARTIAL_COLLECTORS.contains(collectorName)) {
            return PARTIAL;
        }
        return "end of major GC".equals(gcAction) ? COMPLETE : PARTIAL;
    }
}
