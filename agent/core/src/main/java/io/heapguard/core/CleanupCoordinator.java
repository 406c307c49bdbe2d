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
 * Weakly registered hooks whose instance was collected are dropped. A hook that hangs (a run still
 * going after {@code cleanupInterval}) is left on the thread it hangs on: the next cleanup starts on
 * a new thread and skips that hook until it returns, so one stuck hook never ends cleanup for good
 * (each hung hook holds at most one thread).
 */
final class CleanupCoordinator implements AutoCloseable {

    private static final long NEVER = Long.MIN_VALUE;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final List<Hook> hooks = new CopyOnWriteArrayList<>();
    /**
     * Started by the first cleanup, so a guard that never reaches the threshold never starts it;
     * replaced when a hook hangs on it.
     */
    private volatile BackgroundThread thread = new BackgroundThread("heapguard-cleanup");
    private volatile boolean closed;
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
            if (now - last <= intervalNanos) {
                return running;
            }
            if (!leaveStuckRunBehind(running, now - last)) {
                return null; // another caller left it behind and starts the next run
            }
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
     * A run has been going for longer than the interval: a hook hangs. Its thread is left to it
     * (the hook is skipped by later runs while it is still running) and the next run starts on a
     * new thread. Returns whether the stuck run was left behind (false when another caller did).
     */
    private boolean leaveStuckRunBehind(CompletableFuture<Void> stuck, long runningNanos) {
        synchronized (this) {
            if (current != stuck || closed) {
                return false;
            }
            BackgroundThread old = thread;
            thread = new BackgroundThread("heapguard-cleanup");
            old.close(); // interrupts the hook; a hook that ignores it keeps its thread until it returns
            current = null;
        }
        StringBuilder names = new StringBuilder();
        for (Hook hook : hooks) {
            if (hook.running) {
                names.append(names.length() == 0 ? "" : ", ").append('\'').append(hook.name).append('\'');
            }
        }
        log.warnOnce("cleanup-stuck", "cleanup hook " + names + " still running after "
                + runningNanos / NANOS_PER_MILLI + " ms; later cleanups run on a new thread and skip it until it returns");
        return true;
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
        BackgroundThread mine = thread;
        long liveBefore = budget.liveAfterGcBytes();
        long freed = 0;
        for (Hook hook : hooks) {
            if (thread != mine) {
                return; // this run was left behind while a hook hung; a newer run does the rest
            }
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
        if (hook.running) {
            return 0; // still hanging on a thread an earlier run left behind
        }
        hook.running = true;
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
        } finally {
            hook.running = false;
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
        synchronized (this) {
            closed = true;
        }
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
        /** Set while a run executes it; a hung hook stays set and later runs skip it. */
        volatile boolean running;

        Hook(String name, CleanupHook strong, WeakReference<Object> instance, ToLongFunction<Object> action) {
            this.name = name;
            this.strong = strong;
            this.instance = instance;
            this.action = action;
        }
    }
}
