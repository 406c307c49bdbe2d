package io.heapguard.core;

import static io.heapguard.core.TestGuards.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CleanupTest {

    private static final Duration LONG_CLEANUP_WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    final TestGuards guards = new TestGuards();

    @Test
    void rejectedCallerAtCleanupThreshold_runsHooksWaitsAndIsAdmittedAfterTheGc() {
        HeapGuard guard = guards.guard(TestGuards.config().cleanupWait(LONG_CLEANUP_WAIT));
        AtomicInteger runs = new AtomicInteger();
        guard.registerCleanupHook("cache", () -> {
            runs.incrementAndGet();
            guards.signal.liveAfterRequestedGc = 30 * MIB; // what the GC after the hook will find
            return 60 * MIB;
        });
        guard.onLiveHeapAfterGc(89 * MIB);

        OperationHandle search = guard.operation("search");
        long reserved = guard.acquire(search, 5 * MIB, 0, 0);

        assertThat(reserved).isEqualTo(5 * MIB);
        assertThat(runs).hasValue(1);
        assertThat(guards.signal.gcRequests).hasValue(1);
        assertThat(guard.budget().liveAfterGcBytes()).isEqualTo(30 * MIB);
        CleanupCoordinator cleanup = guard.cleanup();
        assertThat(cleanup.runs()).isEqualTo(1);
        assertThat(cleanup.bytesFreed()).isEqualTo(60 * MIB);
        assertThat(cleanup.liveHeapDropBytes()).isEqualTo(59 * MIB);
        assertThat(cleanup.lastRunMillis()).isPositive();
        guard.release(search, reserved, -1);
    }

    @Test
    void hooks_rateLimitedByCleanupInterval() {
        HeapGuard guard = guards.guard(TestGuards.config().cleanupInterval(Duration.ofMinutes(1)).cleanupWait(LONG_CLEANUP_WAIT));
        AtomicInteger runs = new AtomicInteger();
        guard.registerCleanupHook("cache", () -> runs.incrementAndGet());
        guards.signal.liveAfterRequestedGc = 95 * MIB; // all of it live: every call stays refused
        guard.onLiveHeapAfterGc(95 * MIB);
        OperationHandle op = guard.operation("search");

        tryAcquire(guard, op);
        tryAcquire(guard, op);
        await().until(() -> guard.cleanup().runs() == 1);
        guards.clock.advance(Duration.ofSeconds(59));
        tryAcquire(guard, op);
        assertThat(runs).as("within the interval").hasValue(1);

        guards.clock.advance(Duration.ofSeconds(1));
        tryAcquire(guard, op);
        assertThat(runs).hasValue(2);
        assertThat(guards.signal.gcRequests).as("one GC nudge per interval").hasValue(2);
    }

    @Test
    void throwingHook_isCountedAndOtherHooksStillRun() {
        HeapGuard guard = guards.guard(TestGuards.config().cleanupInterval(Duration.ZERO).cleanupWait(LONG_CLEANUP_WAIT));
        AtomicInteger goodRuns = new AtomicInteger();
        guard.registerCleanupHook("broken", () -> {
            throw new IllegalStateException("boom");
        });
        guard.registerCleanupHook("good", () -> {
            goodRuns.incrementAndGet();
            return 5;
        });
        guard.onLiveHeapAfterGc(95 * MIB);

        tryAcquire(guard, guard.operation("search"));
        tryAcquire(guard, guard.operation("search"));

        // the GC figure triggered a run too, so count what the runs did rather than assume how many
        long runs = guard.cleanup().runs();
        assertThat(runs).isGreaterThanOrEqualTo(2);
        assertThat(goodRuns).hasValue((int) runs);
        assertThat(guard.cleanup().hookFailures()).isEqualTo(runs);
        assertThat(guard.cleanup().bytesFreed()).isEqualTo(5 * runs);
    }

    @Test
    void unknownBytesFreed_isNotAddedToBytesFreed() {
        HeapGuard guard = guards.guard(TestGuards.config().cleanupWait(LONG_CLEANUP_WAIT));
        guard.registerCleanupHook("cache", () -> CleanupHook.UNKNOWN_BYTES_FREED);
        guard.onLiveHeapAfterGc(95 * MIB);

        tryAcquire(guard, guard.operation("search"));

        assertThat(guard.cleanup().runs()).isEqualTo(1);
        assertThat(guard.cleanup().bytesFreed()).isZero();
    }

    @Test
    void weakHook_instanceCollected_isForgotten() {
        HeapGuard guard = guards.guard(TestGuards.config().cleanupInterval(Duration.ZERO).cleanupWait(LONG_CLEANUP_WAIT));
        AtomicInteger runs = new AtomicInteger();
        registerWeakHook(guard, runs);
        assertThat(guard.cleanup().hookCount()).isEqualTo(1);
        guard.onLiveHeapAfterGc(95 * MIB);

        await().until(() -> {
            System.gc();
            tryAcquire(guard, guard.operation("search"));
            return guard.cleanup().hookCount() == 0;
        });
        int runsWhenForgotten = runs.get();
        tryAcquire(guard, guard.operation("search"));
        assertThat(runs).hasValue(runsWhenForgotten);
    }

    @Test
    void weakHook_liveInstance_isCalledWithIt() {
        HeapGuard guard = guards.guard(TestGuards.config().cleanupWait(LONG_CLEANUP_WAIT));
        StringBuilder cache = new StringBuilder("cached");
        guard.registerCleanupHook("builder", cache, instance -> {
            ((StringBuilder) instance).setLength(0);
            return 6;
        });
        guard.onLiveHeapAfterGc(95 * MIB);

        tryAcquire(guard, guard.operation("search"));

        assertThat(cache).isEmpty();
        assertThat(guard.cleanup().bytesFreed()).isEqualTo(6);
    }

    @Test
    void unregisteredHook_doesNotRun() throws Exception {
        HeapGuard guard = guards.guard(TestGuards.config().cleanupWait(LONG_CLEANUP_WAIT));
        AtomicInteger runs = new AtomicInteger();
        AutoCloseable registration = guard.registerCleanupHook("cache", () -> runs.incrementAndGet());
        registration.close();
        guard.onLiveHeapAfterGc(95 * MIB);

        tryAcquire(guard, guard.operation("search"));

        assertThat(guard.cleanup().runs()).isEqualTo(1);
        assertThat(runs).hasValue(0);
    }

    @Test
    void gcNotificationAtCleanupLevel_runsHooksWithoutAnyCaller() {
        HeapGuard guard = guards.guard(TestGuards.config());
        AtomicInteger runs = new AtomicInteger();
        guard.registerCleanupHook("cache", () -> runs.incrementAndGet());

        guard.onLiveHeapAfterGc(92 * MIB);

        await().until(() -> runs.get() == 1);
    }

    @Test
    void belowCleanupThreshold_noHooksRun() {
        HeapGuard guard = guards.guard(TestGuards.config().cleanupWait(LONG_CLEANUP_WAIT));
        AtomicInteger runs = new AtomicInteger();
        guard.registerCleanupHook("cache", () -> runs.incrementAndGet());
        guard.onLiveHeapAfterGc(50 * MIB);

        OperationHandle search = guard.operation("search");
        long reserved = guard.acquire(search, 30 * MIB, 0, 0);
        guard.sampleOnce();

        assertThat(guard.cleanup().runs()).isZero();
        assertThat(runs).hasValue(0);
        guard.release(search, reserved, -1);
    }

    @Test
    void hangingHook_laterCleanupsRunTheOtherHooksOnANewThread_andSkipItUntilItReturns() throws Exception {
        HeapGuard guard = guards.guard(TestGuards.config().cleanupInterval(Duration.ofSeconds(5)).cleanupWait(LONG_CLEANUP_WAIT));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger hangs = new AtomicInteger();
        AtomicInteger others = new AtomicInteger();
        guard.registerCleanupHook("hangs", () -> {
            hangs.incrementAndGet();
            while (release.getCount() > 0) {
                try {
                    release.await(); // a hook that ignores interrupts
                } catch (InterruptedException ignored) {
                    // keeps hanging
                }
            }
            return 0;
        });
        guard.registerCleanupHook("frees", () -> {
            others.incrementAndGet();
            return MIB;
        });
        try {
            guard.onLiveHeapAfterGc(95 * MIB);   // starts the run that hangs
            await().until(() -> hangs.get() == 1);
            guards.clock.advance(Duration.ofSeconds(6));

            assertThat(guard.cleanup().triggerAndAwait(LONG_CLEANUP_WAIT, MIB)).as("a new run finished").isTrue();
            assertThat(others).as("the other hook ran on the new thread").hasValue(1);
            assertThat(hangs).as("the hung hook was skipped").hasValue(1);
            assertThat(guard.cleanup().runs()).isEqualTo(1);
        } finally {
            release.countDown();
        }
        guards.clock.advance(Duration.ofSeconds(6));
        await().until(() -> {
            guard.cleanup().trigger();
            return hangs.get() == 2;
        });
        await().until(() -> others.get() == 2);
    }

    @Test
    void lowPriority_refusedAtCleanupThreshold_doesNotWaitForHooks() throws Exception {
        HeapGuard guard = guards.guard(TestGuards.config().cleanupWait(Duration.ofMinutes(10)));
        java.util.concurrent.CountDownLatch hookMayFinish = new java.util.concurrent.CountDownLatch(1);
        guard.registerCleanupHook("hangs", () -> {
            hookMayFinish.await();
            return 0;
        });
        guard.onLiveHeapAfterGc(89 * MIB);
        try {
            java.util.concurrent.CompletableFuture<Long> shed = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> guard.acquire(guard.operation("suggest"), 5 * MIB, -1, 0));

            await().until(shed::isDone);   // far sooner than the 10 minute cleanupWait

            assertThat(shed).isCompletedExceptionally();
            assertThat(hookMayFinish.getCount()).as("the hook is still running").isEqualTo(1);
        } finally {
            hookMayFinish.countDown();
        }
    }

    @Test
    void cleanupWait_isBoundedByTheCallersMaxWait() throws Exception {
        HeapGuard guard = guards.guard(TestGuards.config().cleanupWait(Duration.ofMinutes(10)));
        java.util.concurrent.CountDownLatch hookMayFinish = new java.util.concurrent.CountDownLatch(1);
        guard.registerCleanupHook("hangs", () -> {
            hookMayFinish.await();
            return 0;
        });
        guard.onLiveHeapAfterGc(89 * MIB);
        try {
            java.util.concurrent.CompletableFuture<Long> waiter = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> guard.acquire(guard.operation("search"), 5 * MIB, 0, 100));

            await().until(waiter::isDone);

            assertThat(waiter).failsWithin(Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .havingCause().isInstanceOfSatisfying(io.heapguard.MemoryGuardException.class,
                            e -> assertThat(e.reason()).isEqualTo(io.heapguard.MemoryGuardException.Reason.WAIT_TIMED_OUT));
        } finally {
            hookMayFinish.countDown();
        }
    }

    private static void registerWeakHook(HeapGuard guard, AtomicInteger runs) {
        Object instance = new Object();
        guard.registerCleanupHook("short-lived", instance, o -> runs.incrementAndGet());
    }

    private static void tryAcquire(HeapGuard guard, OperationHandle op) {
        try {
            long r = guard.acquire(op, 10 * MIB, 0, 0);
            guard.release(op, r, -1);
        } catch (io.heapguard.MemoryGuardException expected) {
            // the point is the cleanup the rejection triggers
        }
    }
}
