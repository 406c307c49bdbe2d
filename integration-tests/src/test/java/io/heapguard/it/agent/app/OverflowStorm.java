package io.heapguard.it.agent.app;

import java.util.concurrent.CompletableFuture;

import io.heapguard.MemoryAware;
import io.heapguard.OnReject;

/**
 * Guarded recursions without a base case: each runs until the stack overflows. One per advice kind
 * (estimate read from the arguments, fixed bytes, fallback, returned future), so the
 * {@code StackOverflowError} strikes every enter and exit path of the woven code somewhere.
 */
public final class OverflowStorm {

    private OverflowStorm() {
    }

    @MemoryAware(operation = "stormEstimate", estimate = "min(depth, 64) + 1")
    static int withEstimate(int depth) {
        return withEstimate(depth + 1) + 1;
    }

    @MemoryAware(operation = "stormFixed", bytes = 64)
    static int withFixedBytes(int depth) {
        return withFixedBytes(depth + 1) + 1;
    }

    @MemoryAware(operation = "stormFallback", bytes = 64, onReject = OnReject.FALLBACK, fallback = "shallow")
    static long withFallback(int depth) {
        return withFallback(depth + 1) + 1;
    }

    static long shallow(int depth) {
        return depth;
    }

    /** A plain guarded call, after the storm. */
    @MemoryAware(operation = "stormAfter", bytes = 64)
    static String afterwards() {
        BodyRuns.hit();
        return "ran";
    }

    @MemoryAware(operation = "stormFuture", bytes = 64)
    static CompletableFuture<Integer> returningFuture(int depth) {
        return returningFuture(depth + 1).thenApply(value -> value + 1);
    }

    /** One round: every kind once, each ending in a StackOverflowError caught here. */
    static int round() {
        int overflows = 0;
        try {
            withEstimate(0);
        } catch (StackOverflowError expected) {
            overflows++;
        }
        try {
            withFixedBytes(0);
        } catch (StackOverflowError expected) {
            overflows++;
        }
        try {
            withFallback(0);
        } catch (StackOverflowError expected) {
            overflows++;
        }
        try {
            returningFuture(0);
        } catch (StackOverflowError expected) {
            overflows++;
        }
        return overflows;
    }
}
