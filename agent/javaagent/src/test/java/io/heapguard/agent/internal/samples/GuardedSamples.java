package io.heapguard.agent.internal.samples;

import java.util.concurrent.CompletableFuture;

import io.heapguard.MemoryAware;
import io.heapguard.MemoryGuardException;
import io.heapguard.OnMemoryPressure;
import io.heapguard.OnReject;

/** Woven by the unit tests (in a child loader): one method per behaviour. */
public class GuardedSamples {

    public static int bodyRuns;
    public static int hookRuns;

    @MemoryAware(operation = "sample.sized", estimate = "bytes")
    public static long sized(long bytes) {
        bodyRuns++;
        return bytes;
    }

    @MemoryAware(operation = "sample.fixed", bytes = 1024)
    public String fixed(String value) {
        bodyRuns++;
        return value;
    }

    @MemoryAware(operation = "sample.throws", bytes = 2048)
    public void throwing() {
        bodyRuns++;
        throw new IllegalArgumentException("on purpose");
    }

    @MemoryAware(operation = "sample.async", bytes = 4096)
    public CompletableFuture<String> async(CompletableFuture<String> work) {
        bodyRuns++;
        return work;
    }

    @MemoryAware(operation = "sample.fallback", estimate = "bytes", onReject = OnReject.FALLBACK, fallback = "cheap")
    public String withFallback(long bytes) {
        bodyRuns++;
        return "full";
    }

    String cheap(long bytes, MemoryGuardException rejected) {
        return "cheap:" + rejected.reason();
    }

    @MemoryAware(operation = "sample.estimator", estimator = HalfEstimator.class)
    public static long estimated(long bytes) {
        bodyRuns++;
        return bytes;
    }

    @MemoryAware(operation = "sample.brokenEstimator", estimator = NoDefaultConstructorEstimator.class)
    public static long brokenEstimator(long bytes) {
        bodyRuns++;
        return bytes;
    }

    @OnMemoryPressure
    public static long freeStatic() {
        hookRuns++;
        return 10;
    }

    public static int notGuarded() {
        bodyRuns++;
        return 0;
    }
}
