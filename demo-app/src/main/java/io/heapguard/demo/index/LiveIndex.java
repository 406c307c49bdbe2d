package io.heapguard.demo.index;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;

/**
 * The index a server searches now, and the readiness of its vectors. While the vectors are built
 * it is a keyword-only index; when the complete index is verified and opened it becomes that one,
 * once ({@link #switchTo}), without a restart. A search takes a {@link Lease} on the index it
 * started with, so a switch never changes the index under it, and the replaced index is closed
 * (its files removed) only when its last search has finished.
 */
public final class LiveIndex implements Closeable {

    /** Long enough for the chunk being embedded to end; a stop must not hold the JVM's exit for long. */
    static final Duration BUILD_STOP_WAIT = Duration.ofSeconds(10);

    private final long buildStartNanos = System.nanoTime();
    private final CompletableFuture<VectorReadiness> settled = new CompletableFuture<>();
    // written before readiness, so whoever sees READY also sees the complete index
    private volatile SearchIndex current;
    private volatile VectorReadiness readiness;
    private volatile boolean closed;
    private Thread build;

    private LiveIndex(SearchIndex index, VectorReadiness readiness) {
        this.current = index;
        this.readiness = readiness;
        if (readiness.state() != VectorState.BUILDING) {
            settled.complete(readiness);
        }
    }

    /** A complete index, served as it is. */
    public static LiveIndex complete(SearchIndex index) {
        return new LiveIndex(index, VectorReadiness.ready(index.stats().docs()));
    }

    /** A keyword-only index, served while the vectors of {@code docsTotal} documents are built. */
    static LiveIndex keywordsOnly(SearchIndex keywords, long docsTotal) {
        if (keywords.hasVectors()) {
            throw new IllegalArgumentException("a keyword-only index has no vectors");
        }
        return new LiveIndex(keywords, VectorReadiness.building(docsTotal));
    }

    public VectorReadiness readiness() {
        return readiness;
    }

    /** Completes with the final readiness (READY or FAILED) when the build ends. */
    public CompletableFuture<VectorReadiness> settled() {
        return settled;
    }

    /** The shape of the index served now (the same documents before and after the switch). */
    public CorpusStats stats() {
        return current.stats();
    }

    /**
     * The index served now, without a reference: only for an index that is complete from the start
     * (CLI, tests), which is never replaced.
     */
    public SearchIndex completeIndex() {
        if (!settled.isDone() || !readiness.vectorsReady()) {
            throw new IllegalStateException("the index is still being built: " + readiness.state().jsonName());
        }
        return current;
    }

    /** A reference on the index served now, for one search; close it when the search is done. */
    public Lease acquire() {
        while (true) {
            SearchIndex index = current;
            if (index.tryAcquire()) {
                return new Lease(index);
            }
            if (closed) {
                throw new IllegalStateException("the index is closed");
            }
            // the index was replaced between the read and the reference: take the new one
        }
    }

    /** The build's progress; throws {@link CancellationException} once closed, which stops the build. */
    synchronized void progress(long done) {
        if (closed) {
            throw new CancellationException("server closing");
        }
        double seconds = (System.nanoTime() - buildStartNanos) / 1e9;
        long left = readiness.docsTotal() - done;
        long eta = done == 0 ? -1 : Math.round(left * seconds / done);
        readiness = readiness.advancedTo(done, eta);
    }

    /** Serves the complete index from now on; the keyword index goes when its last search ends. */
    synchronized void switchTo(SearchIndex complete) throws IOException {
        if (!complete.hasVectors()) {
            throw new IllegalArgumentException("switching to an index without vectors");
        }
        if (closed) {
            complete.close();
            return;
        }
        VectorReadiness next = readiness.completed(); // throws unless BUILDING: the switch happens once
        SearchIndex replaced = current;
        current = complete;
        readiness = next;
        replaced.close();
        settled.complete(next);
    }

    synchronized void fail(Throwable why) {
        if (readiness.state() != VectorState.BUILDING) {
            return; // a failure after the switch (or a second one) changes nothing served
        }
        String message = why.getMessage();
        readiness = readiness.failed(why.getClass().getSimpleName() + (message == null ? "" : ": " + message));
        settled.complete(readiness);
    }

    /** The background build that will switch this index: closing stops it (at its next chunk) and waits for it. */
    synchronized void attachBuild(Thread build) {
        this.build = build;
    }

    /**
     * Whether the background build is still running (after {@link #close}: it did not stop within
     * {@link #BUILD_STOP_WAIT}), so the model it uses must stay open.
     */
    public synchronized boolean buildRunning() {
        return build != null && build.isAlive();
    }

    @Override
    public void close() throws IOException {
        Thread running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = build;
        }
        if (running != null) {
            // outside the lock: the build's next progress report needs it to learn that it must stop
            try {
                running.join(BUILD_STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        settled.completeExceptionally(new CancellationException("closed before the vector build ended"));
        synchronized (this) {
            current.close();
        }
    }

    /** One search's reference on the index it started with. */
    public static final class Lease implements AutoCloseable {
        private final SearchIndex index;
        private boolean released;

        private Lease(SearchIndex index) {
            this.index = index;
        }

        public SearchIndex index() {
            return index;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                index.release();
            }
        }
    }
}
