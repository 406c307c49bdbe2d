package io.heapguard.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

/** Stress tests' workers: started together on one latch, joined, and what any of them threw collected. */
final class RacingWorkers {

    /** One worker's work, given its index. */
    @FunctionalInterface
    interface Work {
        void run(int worker) throws Exception;
    }

    private RacingWorkers() {
    }

    /** Runs {@code count} workers at once until all have finished; returns what they threw. */
    static List<Throwable> run(int count, Work work) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Thread[] workers = new Thread[count];
        for (int w = 0; w < count; w++) {
            int index = w;
            workers[w] = new Thread(() -> {
                try {
                    start.await();
                    work.run(index);
                } catch (Throwable t) {
                    failures.add(t);
                }
            });
            workers[w].start();
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        return new ArrayList<>(failures);
    }
}
