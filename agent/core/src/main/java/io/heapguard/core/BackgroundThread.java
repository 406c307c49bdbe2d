package io.heapguard.core;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One named daemon thread for a kind of background work, started with the first task (a guard that
 * never needs it never starts it) and stopped by {@link #close}.
 */
final class BackgroundThread implements AutoCloseable {

    private final String name;
    private ExecutorService executor;
    private boolean closed;

    BackgroundThread(String name) {
        this.name = name;
    }

    /** Runs {@code task} on the thread; throws {@link IllegalStateException} once closed. */
    void execute(Runnable task) {
        executor().execute(task);
    }

    private synchronized ExecutorService executor() {
        if (closed) {
            throw new IllegalStateException("the guard is closed");
        }
        if (executor == null) {
            executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                    DaemonThreads.named(name));
        }
        return executor;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
