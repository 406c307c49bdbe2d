package io.heapguard.it.agent.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import io.heapguard.MemoryAware;
import io.heapguard.MemoryGuardException;
import io.heapguard.OnReject;

/**
 * Guarded methods for the admission behaviours: an operation with a small in-flight budget
 * ({@code held}, configured by the test), release on exception and on async completion, fallbacks
 * and waits.
 */
public class Behaviours {

    static final long HELD_BYTES = 6L * 1024 * 1024;

    /** Holds 6 MiB of the {@code held} budget until the latch opens. */
    @MemoryAware(operation = "held", bytes = HELD_BYTES)
    public void holdUntil(CountDownLatch held, CountDownLatch release) throws InterruptedException {
        BodyRuns.hit();
        held.countDown();
        release.await();
    }

    @MemoryAware(operation = "held", bytes = HELD_BYTES)
    public String takeHeldNow() {
        BodyRuns.hit();
        return "ran";
    }

    @MemoryAware(operation = "held", bytes = HELD_BYTES, onReject = OnReject.WAIT, maxWaitMillis = 200)
    public String waitBriefly() {
        BodyRuns.hit();
        return "ran";
    }

    @MemoryAware(operation = "held", bytes = HELD_BYTES, onReject = OnReject.WAIT, maxWaitMillis = 120_000)
    public String waitLong() {
        BodyRuns.hit();
        return "ran";
    }

    /** Fits the budget but not the critical ceiling that applies to priorities below 0. */
    @MemoryAware(operation = "shed", bytes = 470L * 1024 * 1024, priority = -1)
    public String lowPriority() {
        BodyRuns.hit();
        return "ran";
    }

    @MemoryAware(operation = "shed", bytes = 470L * 1024 * 1024, priority = 1)
    public String highPriority() {
        BodyRuns.hit();
        return "ran";
    }

    @MemoryAware(operation = "throws", bytes = 1024 * 1024)
    public void fails() {
        BodyRuns.hit();
        throw new IllegalStateException("body failed on purpose");
    }

    @MemoryAware(operation = "async", bytes = 2 * 1024 * 1024)
    public CompletableFuture<String> async(CompletableFuture<String> work) {
        BodyRuns.hit();
        return work;
    }

    @MemoryAware(operation = "fallback.value", estimate = "size", onReject = OnReject.FALLBACK, fallback = "degraded")
    public String search(String query, long size) {
        BodyRuns.hit();
        return "full:" + query;
    }

    String degraded(String query, long size, MemoryGuardException rejection) {
        return "degraded:" + query + ":" + rejection.reason();
    }

    @MemoryAware(operation = "fallback.primitive", bytes = 1L << 40, onReject = OnReject.FALLBACK, fallback = "countCheaply")
    public static int count(int limit) {
        BodyRuns.hit();
        return limit;
    }

    static int countCheaply(int limit) {
        return -limit;
    }

    @MemoryAware(operation = "fallback.void", bytes = 1L << 40, onReject = OnReject.FALLBACK, fallback = "skip")
    public void index(StringBuilder log) {
        BodyRuns.hit();
        log.append("indexed");
    }

    void skip(StringBuilder log) {
        log.append("skipped");
    }

    @MemoryAware(operation = "fallback.async", bytes = 1L << 40, onReject = OnReject.FALLBACK, fallback = "cachedAsync")
    public CompletableFuture<String> fetchAsync(String key) {
        BodyRuns.hit();
        return CompletableFuture.completedFuture("fetched:" + key);
    }

    CompletableFuture<String> cachedAsync(String key) {
        return CompletableFuture.completedFuture("cached:" + key);
    }

    /** Nested guarded calls, including recursion, must not deadlock or leak. */
    @MemoryAware(operation = "recursive", estimate = "depth * 1KB")
    public int recurse(int depth) {
        BodyRuns.hit();
        return depth == 0 ? 0 : 1 + recurse(depth - 1);
    }
}
