package io.heapguard.it.overload;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the mix's warm-up requests before the measured load, a few at a time, so every run starts
 * with the same warm caches. Its requests are not part of the load's counts.
 */
final class WarmUp {

    /** Parallel warm-up clients: overlaps waits, and fits the smallest bulkhead of the comparison (2). */
    static final int WARM_UP_CLIENTS = 2;
    private static final int WARM_UP_TIMEOUT_MILLIS = 120_000;

    private WarmUp() {
    }

    /** Sends every request; returns how many did not answer 200. */
    static int run(int port, List<HttpRequestSpec> requests) throws InterruptedException {
        if (requests.isEmpty()) {
            return 0;
        }
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WARM_UP_CLIENTS);
        try {
            List<Future<?>> sent = requests.stream().map(r -> pool.submit(() -> {
                RawHttpClient http = new RawHttpClient("127.0.0.1", port, WorkloadShape.CPU_BOUND, WARM_UP_TIMEOUT_MILLIS, false);
                if (!http.exchange(r).succeeded()) {
                    failed.incrementAndGet();
                }
            })).<Future<?>>map(f -> f).toList();
            for (Future<?> f : sent) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failed.incrementAndGet();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return failed.get();
    }
}
