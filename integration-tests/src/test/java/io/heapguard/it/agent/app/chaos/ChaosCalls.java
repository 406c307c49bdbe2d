package io.heapguard.it.agent.app.chaos;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.heapguard.MemoryAware;
import io.heapguard.MemoryGuardException;
import io.heapguard.OnReject;

/**
 * The guarded methods the chaos run calls, one per way a call can end badly. {@code fate} is drawn
 * by the caller from the seeded random, so a seed replays the same mix of fates.
 */
public final class ChaosCalls {

    /** Stands for query text: it must never appear in the agent's output or in its exception messages. */
    public static final String SECRET = "S3CR3T-CHAOS-QUERY";

    /** Futures handed out that will never complete: held here so only leakAge can reclaim them. */
    static final List<CompletableFuture<String>> NEVER_COMPLETED = new CopyOnWriteArrayList<>();
    static final AtomicLong fallbacksThatThrew = new AtomicLong();

    private static volatile ScheduledExecutorService completer;

    private ChaosCalls() {
    }

    static void completeOn(ScheduledExecutorService scheduler) {
        completer = scheduler;
    }

    @MemoryAware(operation = "chaos-throw", estimate = "bytes")
    static long mayThrow(long bytes, int fate) throws Exception {
        switch (fate % 5) {
            case 0 -> throw new IllegalStateException("chaos: body failed");
            case 1 -> throw new IOException("chaos: checked failure");
            case 2 -> throw new AssertionError("chaos: an Error from the body");
            default -> {
                return bytes;
            }
        }
    }

    /** Few may hold it at once (maxConcurrent), so the others wait, and some are interrupted waiting. */
    @MemoryAware(operation = "chaos-wait", estimate = "bytes", onReject = OnReject.WAIT, maxWaitMillis = 500)
    static long waiting(long bytes, long holdMillis) throws InterruptedException {
        Thread.sleep(holdMillis);
        return bytes;
    }

    @MemoryAware(operation = "chaos-async", estimate = "bytes")
    static CompletableFuture<String> async(long bytes, int fate, long delayMillis) {
        CompletableFuture<String> future = new CompletableFuture<>();
        switch (fate % 5) {
            case 0 -> future.complete("now");
            case 1 -> completer.schedule(() -> future.complete("late"), delayMillis, TimeUnit.MILLISECONDS);
            case 2 -> completer.schedule(() -> future.completeExceptionally(new IllegalStateException("chaos: late failure")),
                    delayMillis, TimeUnit.MILLISECONDS);
            case 3 -> completer.schedule(() -> future.cancel(true), delayMillis, TimeUnit.MILLISECONDS);
            default -> NEVER_COMPLETED.add(future);
        }
        return future;
    }

    @MemoryAware(operation = "chaos-fallback", estimate = "bytes", onReject = OnReject.FALLBACK, fallback = "fallback")
    static long withFallback(long bytes, int fate) {
        return bytes;
    }

    static long fallback(long bytes, int fate, MemoryGuardException rejected) {
        if (fate % 2 == 0) {
            fallbacksThatThrew.incrementAndGet();
            throw new IllegalStateException("chaos: the fallback failed too");
        }
        return -1;
    }

    /** The estimate reads a getter that throws with the query text in its message. */
    @MemoryAware(operation = "chaos-estimate", estimate = "query.size * 1KB")
    static int badEstimate(ChaosQuery query) {
        return query.text().length();
    }
}
