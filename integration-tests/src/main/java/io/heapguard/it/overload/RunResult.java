package io.heapguard.it.overload;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything one run produced.
 *
 * @param outOfMemory     the service died of OutOfMemoryError
 * @param diedAtMillis    when the service exited by itself, from load start (-1: it did not)
 * @param exitedByItself  the service exited before we stopped it (for any reason)
 * @param exitCode        its exit code when it exited by itself, else -1
 * @param heapSamples     /health readings over time, from load start
 * @param gcSamples       heap after each GC pause, from the service's GC log (see {@link GcLog})
 * @param heapMax         the service's max heap in bytes (-1 if never answered)
 * @param budgetBytes     heapguard's maxHeap from its stats, -1 for other protections or when unknown
 * @param finalStats      the last /stats document (missing node when the service was not answering)
 * @param startupMillis   fork to listening
 * @param unansweredPolls /health polls that got no answer
 */
public record RunResult(RunSpec spec, LoadResult load, boolean outOfMemory, long diedAtMillis, boolean exitedByItself,
                        int exitCode,
                        List<HeapSample> heapSamples, List<HeapSample> gcSamples, long heapMax, long budgetBytes, JsonNode finalStats,
                        long startupMillis, long unansweredPolls) {

    /** Highest heap after a GC pause during the load (GC log); -1 if none was logged. */
    public long maxHeapAfterGc() {
        return gcSamples.stream().filter(s -> s.atMillis() >= 0).mapToLong(HeapSample::liveAfterGc).max().orElse(-1);
    }

    public String label() {
        return spec.protection().label();
    }
}
