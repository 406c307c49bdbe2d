package io.heapguard.agent.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.heapguard.MemoryAware;
import io.heapguard.OnMemoryPressure;
import io.heapguard.OnReject;

/**
 * Never loaded, never called: {@link WeaverWarmUp} reads this class file and weaves it once, to get
 * Byte Buddy loaded before the application's first annotated class needs it. Its annotations use the
 * attributes an application's would, so reading them loads the same code.
 */
final class WarmUpSample {

    private WarmUpSample() {
    }

    @MemoryAware(operation = "heapguard.warmUp", estimate = "len(items) * 1KB + 64KB", priority = 1)
    static int sized(List<String> items) {
        return items.size();
    }

    @MemoryAware(bytes = 1024, onReject = OnReject.WAIT, maxWaitMillis = 10)
    void fixed() {
        // sample body
    }

    @MemoryAware(bytes = 1024, onReject = OnReject.FALLBACK, fallback = "fallback")
    CompletableFuture<String> async(String query) {
        return CompletableFuture.completedFuture(query);
    }

    CompletableFuture<String> fallback(String query) {
        return CompletableFuture.completedFuture("");
    }

    @OnMemoryPressure
    void release() {
        // sample body
    }
}
