package io.heapguard.core;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Confirms the live heap with a complete collection, on its own daemon thread, when the figures of
 * partial collections (garbage included) would put the guard into shedding.
 *
 * <p>Rate: at most one confirmation per {@link #MIN_INTERVAL_NANOS}, and never sooner than
 * {@link #INTERVAL_PER_PAUSE} times the last collection's duration after it, so confirmations
 * cost at most 1/{@value #INTERVAL_PER_PAUSE} of the time however large the heap. A concurrent
 * cycle (ZGC, Shenandoah) reports its whole length, most of it beside the running application
 * on a share of the cores: it waits {@link #INTERVAL_PER_CONCURRENT_CYCLE} times that (under load
 * on 2 cores, 400 ms cycles held confirmations 8 s apart at 20 times, and light load was refused
 * in between). The duration is
 * the one the collector reports when it does: on a starved machine the wall time from request to
 * reading is mostly waiting for a core, not collecting, and counting it would hold the next
 * confirmation back for seconds while callers are refused. When
 * {@code System.gc()} runs no complete collection ({@code -XX:+DisableExplicitGC}, or G1 with
 * {@code -XX:+ExplicitGCInvokesConcurrent}), the guard is told once and falls back to the upper
 * bound: refusing healthy load is then possible, running out of memory is not made likelier.
 */
final class LiveHeapConfirmer implements AutoCloseable {

    static final long MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final int INTERVAL_PER_PAUSE = 20;
    static final int INTERVAL_PER_CONCURRENT_CYCLE = 5;

    private final MemorySignal signal;
    private final MemorySignal.Readings completeReading;
    private final Runnable unavailable;
    private final LongSupplier nanoClock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Object collecting = new Object();
    private final LongAdder confirmations = new LongAdder();
    private volatile long notBeforeNanos;
    private volatile long lastDurationNanos = -1;
    private volatile boolean available = true;
    /** Finished confirmations, for callers waiting on one: guarded by {@code this}. */
    private long finished;
    private final BackgroundThread thread = new BackgroundThread("heapguard-confirm");

    LiveHeapConfirmer(MemorySignal signal, MemorySignal.Readings completeReading, Runnable unavailable, LongSupplier nanoClock) {
        this.signal = signal;
        this.completeReading = completeReading;
        this.unavailable = unavailable;
        this.nanoClock = nanoClock;
        this.notBeforeNanos = nanoClock.getAsLong();
    }

    /** Starts a confirmation unless one is running, one ran too recently, or none can run. */
    void request() {
        if (!available || nanoClock.getAsLong() - notBeforeNanos < 0 || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.execute(this::confirm);
        } catch (RuntimeException closedOrRejected) {
            running.set(false);
        }
    }

    /**
     * Requests a confirmation and waits, at most {@code wait}, for one to finish: the one running,
     * or one started now, or (when {@code throughRateLimit}) once the rate allows. Returns at once
     * when none can run in time.
     */
    void requestAndAwait(Duration wait, boolean throughRateLimit) {
        long deadline = System.nanoTime() + wait.toNanos();
        long seen;
        synchronized (this) {
            seen = finished;
        }
        try {
            while (available) {
                request();
                long leftNanos = deadline - System.nanoTime();
                long rateWaitNanos = notBeforeNanos - nanoClock.getAsLong();
                synchronized (this) {
                    if (finished != seen || leftNanos <= 0) {
                        return;
                    }
                    if (running.get()) {
                        TimeUnit.NANOSECONDS.timedWait(this, leftNanos);
                    } else if (throughRateLimit && rateWaitNanos > 0 && rateWaitNanos < leftNanos) {
                        TimeUnit.NANOSECONDS.timedWait(this, rateWaitNanos); // until the rate allows one
                    } else {
                        return; // none can run in time
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void confirm() {
        try {
            collectNow();
        } finally {
            running.set(false);
            synchronized (this) {
                finished++;
                notifyAll();
            }
        }
    }

    /**
     * Runs a complete collection on the calling thread now, whatever the rate (the cleanup thread,
     * after its hooks freed memory that no earlier collection saw); feeds its live heap to the guard.
     */
    void collectNow() {
        // one collection at a time: HotSpot skips a System.gc() that another full collection
        // overtook, and the figure of the one before would then answer for this one
        synchronized (collecting) {
            collectNowLocked();
        }
    }

    private void collectNowLocked() {
        if (!available) {
            return;
        }
        long start = nanoClock.getAsLong();
        long reportedNanos = -1;
        int intervalPerCost = INTERVAL_PER_PAUSE;
        try {
            MemorySignal.Collected collected = signal.collectGarbage();
            if (collected.gcDurationMillis() >= 0) {
                reportedNanos = TimeUnit.MILLISECONDS.toNanos(collected.gcDurationMillis());
            }
            if (collected.concurrentCycle()) {
                intervalPerCost = INTERVAL_PER_CONCURRENT_CYCLE;
            }
            switch (collected.outcome()) {
                case COMPLETE -> {
                    confirmations.increment();
                    completeReading.afterGc(collected.heapAfterGcBytes(), collected.allocatedDuringGcBytes(),
                            CollectionKind.COMPLETE);
                }
                case NO_COMPLETE_COLLECTION -> {
                    available = false;
                    unavailable.run();
                }
                case NOTHING_LEARNT -> {
                    // nothing learnt: the next request tries again
                }
            }
        } finally {
            long took = nanoClock.getAsLong() - start;
            lastDurationNanos = took;
            long cost = reportedNanos >= 0 ? Math.min(took, reportedNanos) : took;
            notBeforeNanos = nanoClock.getAsLong() + Math.max(MIN_INTERVAL_NANOS, intervalPerCost * cost);
        }
    }

    long confirmations() {
        return confirmations.sum();
    }

    /** How long the last confirmation took, in ms (-1 before the first). */
    long lastDurationMillis() {
        long nanos = lastDurationNanos;
        return nanos < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    boolean available() {
        return available;
    }

    @Override
    public void close() {
        thread.close();
    }
}
