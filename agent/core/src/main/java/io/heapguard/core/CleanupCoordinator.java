package io.heapguard.core;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Runs the cleanup hooks on its own daemon thread when the cleanup threshold is reached, at most
 * once per {@code cleanupInterval}; then, if usage is still at the threshold, runs a complete
 * collection (also at most once per interval) through the {@link LiveHeapConfirmer}, which feeds
 * its live heap back to the guard.
 *
 * <p>A hook that throws is counted and logged once (per hook name); the other hooks still run.
 * Weakly registered hooks whose instance was collected are dropped.
 */
final class CleanupCoordinator implements AutoCloseable {

    private static final long NEVER = Long.MIN_VALUE;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final List<Hook> hooks = new CopyOnWriteArrayList<>();
    /** Started by the first cleanup, so a guard that never reaches the threshold never starts it. */
    private final BackgroundThread thread = new BackgroundThread("heapguard-cleanup");
    private final long intervalNanos;
    private final long cleanupBytes;
    private final Budget budget;
    private final LiveHeapConfirmer collector;
    private final LongSupplier nanoClock;
    private final InternalLog log;

    private final AtomicLong lastRunStartNanos = new AtomicLong(NEVER);
    /** The largest request refused for want of memory since the last run: the GC nudge must make room for it. */
    private final AtomicLong refusedBytes = new AtomicLong();
    /** The run in progress or last run; null before the first (no CompletableFuture class init at start). */
    private volatile CompletableFuture<Void> current;
    private long lastGcNanos = NEVER; // cleanup thread only
    private final LongAdder runs = new LongAdder();
    private final LongAdder bytesFreed = new LongAdder();
    private final LongAdder liveHeapDropBytes = new LongAdder();
    private final LongAdder hookFailures = new LongAdder();
    private final LongAdder gcRequests = new LongAdder();
    private volatile long lastRunMillis = -1;

    CleanupCoordinator(Duration interval, long cleanupBytes, Budget budget, LiveHeapConfirmer collector,
                       LongSupplier nanoClock, InternalLog log) {
        this.intervalNanos = interval.toNanos();
        this.cleanupBytes = cleanupBytes;
        this.budget = budget;
        this.collector = collector;
        this.nanoClock = nanoClock;
        this.log = log;
    }

    AutoCloseable register(String name, CleanupHook hook) {
        Objects.requireNonNull(hook, "hook");
        Hook entry = new Hook(checkName(name), hook, null, null);
        hooks.add(entry);
        return () -> hooks.remove(entry);
    }

    AutoCloseable register(String name, Object instance, ToLongFunction<Object> action) {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(action, "action");
        Hook entry = new Hook(checkName(name), null, new WeakReference<>(instance), action);
        hooks.add(entry);
        return () -> hooks.remove(entry);
    }

    /**
     * Starts a cleanup unless one started less than {@code cleanupInterval} ago.
     *
     * @return the run to wait for (the one in progress, if any), or null when rate limited
     */
    CompletableFuture<Void> trigger() {
        CompletableFuture<Void> running = current;
        long now = nanoClock.getAsLong();
        long last = lastRunStartNanos.get();
        if (running != null && !running.isDone()) {
            if (now - last > intervalNanos) {
                // a hook has been running for longer than the interval: callers stop waiting for it
                log.warnOnce("cleanup-stuck", "cleanup hooks still running after " + (now - last) / NANOS_PER_MILLI
                        + " ms; callers no longer wait for them");
                return null;
            }
            return running;
        }
        if (last != NEVER && now - last < intervalNanos) {
            return null;
        }
        // one trigger wins the interval; the losers see the winner's run (or nothing, if it has not been published yet)
        if (!lastRunStartNanos.compareAndSet(last, now)) {
            running = current;
            return running == null || running.isDone() ? null : running;
        }
        CompletableFuture<Void> run = new CompletableFuture<>();
        current = run;
        try {
            thread.execute(() -> {
                try {
                    runOnce();
                } finally {
                    run.complete(null);
                }
            });
        } catch (RuntimeException rejectedAfterClose) {
            run.complete(null);
        }
        return run;
    }

    /**
     * For a caller refused {@code refusedBytes}: triggers a cleanup and waits for it at most
     * {@code wait}; returns whether a run finished in time.
     */
    boolean triggerAndAwait(Duration wait, long refusedBytes) {
        this.refusedBytes.accumulateAndGet(refusedBytes, Math::max);
        CompletableFuture<Void> run = trigger();
        if (run == null) {
            return false;
        }
        try {
            run.get(wait.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    private void runOnce() {
        long liveBefore = budget.liveAfterGcBytes();
        long freed = 0;
        for (Hook hook : hooks) {
            long bytes = runHook(hook);
            if (bytes > 0) {
                freed += bytes;
            }
        }
        bytesFreed.add(freed);
        runs.increment();
        lastRunMillis = System.currentTimeMillis();
        long refused = refusedBytes.getAndSet(0);
        if (budget.usedBytes() + refused >= cleanupBytes && gcAllowed()) {
            gcRequests.increment();
            collector.collectNow();
            long liveAfter = budget.liveAfterGcBytes();
            if (liveBefore > liveAfter) {
                liveHeapDropBytes.add(liveBefore - liveAfter);
            }
        }
    }

    private long runHook(Hook hook) {
        try {
            if (hook.strong != null) {
                return hook.strong.free();
            }
            Object instance = hook.instance.get();
            if (instance == null) {
                hooks.remove(hook); // the instance was collected: forget it
                return 0;
            }
            return hook.action.applyAsLong(instance);
        } catch (Throwable t) {
            hookFailures.increment();
            log.warnOnce("hook:" + hook.name, "cleanup hook '" + hook.name + "' failed (further failures are only counted)", t);
            return 0;
        }
    }

    private boolean gcAllowed() {
        long now = nanoClock.getAsLong();
        if (lastGcNanos != NEVER && now - lastGcNanos < intervalNanos) {
            return false;
        }
        lastGcNanos = now;
        return true;
    }

    int hookCount() {
        return hooks.size();
    }

    long runs() {
        return runs.sum();
    }

    long bytesFreed() {
        return bytesFreed.sum();
    }

    long liveHeapDropBytes() {
        return liveHeapDropBytes.sum();
    }

    long hookFailures() {
        return hookFailures.sum();
    }

    long gcRequests() {
        return gcRequests.sum();
    }

    /** Epoch millis of the last run's end, -1 before the first. */
    long lastRunMillis() {
        return lastRunMillis;
    }

    @Override
    public void close() {
        thread.close();
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("cleanup hook name must be non-blank, was '" + name + "'");
        }
        return name;
    }

    /** Either a strong hook, or a weakly held instance with the action to run on it. */
    private static final class Hook {
        final String name;
        final CleanupHook strong;
        final WeakReference<Object> instance;
        final ToLongFunction<Object> action;

        Hook(String name, CleanupHook strong, WeakReference<Object> instance, ToLongFunction<Object> action) {
            this.name = name;
            this.strong = strong;
            this.instance = instance;
            this.action = action;
        }
    }
}
