package io.heapguard.agent.internal.samples;

import java.util.concurrent.CompletableFuture;

import io.heapguard.MemoryAware;
import io.heapguard.MemoryEstimator;
import io.heapguard.OnReject;

/**
 * Woven by {@code WovenAllocationTest}: every estimate form, called through {@link HotPathCalls} (an
 * interface the test class path loads once) so the test calls them without reflection or boxing.
 */
public class HotPathSamples implements HotPathCalls {

    /** A property-access target. */
    public record Query(int limit) {
    }

    /** An estimator over reference arguments: the array it gets is reused, so nothing is allocated. */
    public static final class LengthEstimator implements MemoryEstimator {
        @Override
        public long estimateBytes(Object[] args) {
            return ((String) args[0]).length() * 2L;
        }
    }

    private static final CompletableFuture<Long> DONE = CompletableFuture.completedFuture(1L);

    @Override
    @MemoryAware(operation = "hot.fixed", bytes = 1024)
    public long fixed(int n, int[] data, long k) {
        return n + k;
    }

    @Override
    @MemoryAware(operation = "hot.onePrimitive", estimate = "n * 64")
    public long onePrimitive(int n, int[] data, long k) {
        return n + k;
    }

    @Override
    @MemoryAware(operation = "hot.threeTerms", estimate = "len(data) * 4 + n * 8 + min(k, 100) * 1KB")
    public long threeTerms(int n, int[] data, long k) {
        return n + k;
    }

    @Override
    @MemoryAware(operation = "hot.allKinds", estimate = "b + s + i + l + f + d")
    public long allKinds(boolean flag, byte b, char c, short s, int i, long l, float f, double d, Object o) {
        return i;
    }

    @Override
    @MemoryAware(operation = "hot.property", estimate = "query.limit * 1KB")
    public long property(Query query) {
        return query.limit();
    }

    @Override
    @MemoryAware(operation = "hot.fallback", estimate = "n * 64", onReject = OnReject.FALLBACK, fallback = "cheap")
    public long withFallback(int n, int[] data, long k) {
        return n + k;
    }

    long cheap(int n, int[] data, long k) {
        return -n;
    }

    @Override
    @MemoryAware(operation = "hot.wait", estimate = "n * 64", onReject = OnReject.WAIT, maxWaitMillis = 10)
    public long withWait(int n, int[] data, long k) {
        return n + k;
    }

    /** Rejected when {@code l} is large (the estimate is {@code l}): the fallback gets every argument back. */
    @Override
    @MemoryAware(operation = "hot.allKindsFallback", estimate = "l", onReject = OnReject.FALLBACK, fallback = "describe")
    public String allKindsFallback(boolean flag, byte b, char c, short s, int i, long l, float f, double d, Object o) {
        return "body";
    }

    String describe(boolean flag, byte b, char c, short s, int i, long l, float f, double d, Object o) {
        return flag + " " + b + " " + c + " " + s + " " + i + " " + l + " " + f + " " + d + " " + o;
    }

    @Override
    @MemoryAware(operation = "hot.estimator", estimator = LengthEstimator.class)
    public long estimator(String text, Object other) {
        return text.length();
    }

    @Override
    @MemoryAware(operation = "hot.completed", bytes = 1024)
    public CompletableFuture<Long> completed(int n) {
        return DONE;
    }
}
