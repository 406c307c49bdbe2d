package io.heapguard.it.overload;

/**
 * One reading of the service's /health.
 *
 * @param atMillis        from the start of the load
 * @param liveAfterGc     live heap after the last GC, bytes
 * @param heapUsed        heap used (garbage included), bytes
 */
public record HeapSample(long atMillis, long liveAfterGc, long heapUsed) {
}
