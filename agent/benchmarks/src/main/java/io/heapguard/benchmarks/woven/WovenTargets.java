package io.heapguard.benchmarks.woven;

import io.heapguard.MemoryAware;
import io.heapguard.OnReject;
import java.util.concurrent.CompletableFuture;
import org.openjdk.jmh.annotations.CompilerControl;

/**
 * The methods {@link WovenCall} calls: each {@code @MemoryAware} form beside the same body without
 * the annotation. Bodies are trivial and never inlined into the benchmark loop (a real guarded
 * method is large), so "woven minus plain" is what the agent's advice adds to one call.
 */
@CompilerControl(CompilerControl.Mode.DONT_INLINE)
public class WovenTargets {

    static final long CALL_BYTES = 64 * 1024;
    static final String BYTES_OP = "woven.bytes";
    private static final CompletableFuture<Long> DONE = CompletableFuture.completedFuture(1L);

    /** A property-access target: a record component read by the estimate. */
    public record Query(int limit, String text) {
    }

    // --- without the annotation

    public long plain(int n, int[] data, long k) {
        return n + k;
    }

    public long plainQuery(Query query) {
        return query.limit();
    }

    public CompletableFuture<Long> plainFuture(int n) {
        return DONE;
    }

    // --- woven

    @MemoryAware(operation = BYTES_OP, bytes = CALL_BYTES)
    public long bytes(int n, int[] data, long k) {
        return n + k;
    }

    @MemoryAware(operation = "woven.onePrimitive", estimate = "n * 64")
    public long onePrimitive(int n, int[] data, long k) {
        return n + k;
    }

    @MemoryAware(operation = "woven.oneObject", estimate = "len(data) * 4")
    public long oneObject(int n, int[] data, long k) {
        return n + k;
    }

    @MemoryAware(operation = "woven.threeTerms", estimate = "len(data) * 4 + n * 8 + min(k, 100) * 1KB")
    public long threeTerms(int n, int[] data, long k) {
        return n + k;
    }

    @MemoryAware(operation = "woven.property", estimate = "query.limit * 1KB")
    public long property(Query query) {
        return query.limit();
    }

    @MemoryAware(operation = "woven.fallback", bytes = CALL_BYTES, onReject = OnReject.FALLBACK, fallback = "fallback")
    public long withFallback(int n, int[] data, long k) {
        return n + k;
    }

    long fallback(int n, int[] data, long k) {
        return -1L;
    }

    @MemoryAware(operation = "woven.wait", bytes = CALL_BYTES, onReject = OnReject.WAIT, maxWaitMillis = 100)
    public long withWait(int n, int[] data, long k) {
        return n + k;
    }

    @MemoryAware(operation = "woven.future", bytes = CALL_BYTES)
    public CompletableFuture<Long> future(int n) {
        return DONE;
    }
}
