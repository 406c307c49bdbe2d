package io.heapguard.it.overload;

/**
 * One reading of the service's heap: from /health, or from a GC pause in its GC log.
 *
 * @param atMillis        from the start of the load
 * @param liveAfterGc     heap after the last GC, bytes
 * @param heapUsed        heap used (garbage included; for a GC pause: before it), bytes
 */
public record HeapSample(long atMillis, long liveAfterGc, long heapUsed) {
}
