package io.heapguard.agent.stats;

import java.io.IOException;

/**
 * The guard's numbers over JMX, registered as {@code io.heapguard:type=HeapGuard}. Attribute values
 * are the same as {@code MemoryGuard.stats()} and the stats file (docs/stats.md).
 */
public interface HeapGuardMXBean {

    /** NORMAL, WARNING, CRITICAL or CLEANUP. */
    String getPressure();

    long getAdmitted();

    /** Rejected calls (in monitor mode: would-be rejections). */
    long getRejected();

    long getInFlight();

    long getReservedBytes();

    long getLeaks();

    long getInternalErrors();

    /** Live heap after the last GC, bytes; -1 before the first GC was seen. */
    long getLiveHeapAfterGc();

    /** The budget ({@code maxHeap}) in bytes. */
    long getBudget();

    /** The full statistics document. */
    String getStatsJson();

    /** Writes the stats file now and returns its path ({@code -} when the stats go to standard error). */
    String dumpStats() throws IOException;
}
