package io.heapguard.core;

/**
 * Byte thresholds derived once from the configuration, and the shedding rule by priority.
 *
 * <p>Shedding rule (usage = baseline + reserved, counted with the call admitted):
 * <ul>
 *   <li>priority &lt; 0: admitted while usage stays at or below {@code criticalThreshold}; refused
 *       calls never wait for a cleanup (they may start one);</li>
 *   <li>priority 0: admitted while usage stays at or below {@code cleanupThreshold}; a call refused
 *       there first triggers the cleanup and waits for it (bounded by {@code cleanupWait} and by
 *       the call's own maxWait);</li>
 *   <li>priority &gt; 0: only the budget itself ({@code maxHeap}).</li>
 * </ul>
 */
final class Ceilings {

    final long maxHeapBytes;
    final long warningBytes;
    final long criticalBytes;
    final long cleanupBytes;
    /**
     * Usage (idle credit included) up to which the budget hands out per-thread credit: the lowest of
     * the warning threshold and every priority's ceiling, less {@code maxHeap / 16}, so a call
     * admitted from credit is well inside its own ceiling whatever its priority ({@link Budget}).
     */
    final long creditLimitBytes;

    Ceilings(GuardConfig config) {
        this.maxHeapBytes = config.maxHeapBytes();
        this.warningBytes = (long) (maxHeapBytes * config.warningThreshold());
        this.criticalBytes = (long) (maxHeapBytes * config.criticalThreshold());
        this.cleanupBytes = (long) (maxHeapBytes * config.cleanupThreshold());
        long lowest = Math.min(Math.min(warningBytes, criticalBytes), Math.min(cleanupBytes, maxHeapBytes));
        this.creditLimitBytes = Math.max(0, lowest - maxHeapBytes / 16);
    }

    long forPriority(int priority) {
        if (priority > 0) {
            return maxHeapBytes;
        }
        return priority == 0 ? cleanupBytes : criticalBytes;
    }

    Pressure pressureAt(long usedBytes) {
        return Pressure.of(usedBytes, warningBytes, criticalBytes, cleanupBytes);
    }
}
