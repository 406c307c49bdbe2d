package io.heapguard.core;

/**
 * How close the guarded memory (live heap after the last GC, corrected for reservations, plus the
 * reservations in flight now) is to {@code maxHeap}. Levels are ordered: each one includes the
 * reactions of the ones before it.
 */
public enum Pressure {
    /** Below {@code warningThreshold}. */
    NORMAL,
    /** At or above {@code warningThreshold}: logged once per transition and shown in stats. */
    WARNING,
    /** At or above {@code criticalThreshold}: calls with a negative priority are shed. */
    CRITICAL,
    /** At or above {@code cleanupThreshold}: cleanup hooks run, then a GC is nudged. */
    CLEANUP;

    /** The level for a usage of {@code usedBytes} against the byte thresholds. */
    static Pressure of(long usedBytes, long warningBytes, long criticalBytes, long cleanupBytes) {
        if (usedBytes >= cleanupBytes) {
            return CLEANUP;
        }
        if (usedBytes >= criticalBytes) {
            return CRITICAL;
        }
        return usedBytes >= warningBytes ? WARNING : NORMAL;
    }
}
