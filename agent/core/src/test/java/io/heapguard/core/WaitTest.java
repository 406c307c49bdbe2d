package io.heapguard.core;

import static io.heapguard.core.TestGuards.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapguard.MemoryGuardException;
import io.heapguard.MemoryGuardException.Reason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WaitTest {

    private static final long LONG_WAIT_MILLIS = 60_000;

    @RegisterExtension
    final TestGuards guards = new TestGuards();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void waiter_isAdmittedWhenMemoryIsReleased() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("bulk");
        long held = guard.acquire(op, 50 * MIB, 1, 0);
        long stillHeld = guard.acquire(op, 40 * MIB, 1, 0);

        CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(
                () -> guard.acquire(op, 20 * MIB, 1, LONG_WAIT_MILLIS), threads);
        await().until(() -> guard.waitersForTest() == 1);
        assertThat(waiter).isNotDone();

        guard.release(op, held, -1);

        assertThat(waiter.join()).isEqualTo(20 * MIB);
        assertThat(guard.budget().reservedBytes()).isEqualTo(60 * MIB);
        guard.release(op, stillHeld, -1);
        guard.release(op, waiter.join(), -1);
    }

    @Test
    void waiters_areAdmittedInArrivalOrder() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("bulk");
        long[] held = new long[10];
        for (int i = 0; i < held.length; i++) {
            held[i] = guard.acquire(op, 10 * MIB, 1, 0);
        }
        List<Integer> admittedOrder = new CopyOnWriteArrayList<>();
        @SuppressWarnings("unchecked")
        CompletableFuture<Long>[] waiters = new CompletableFuture[5];
        for (int i = 0; i < waiters.length; i++) {
            int id = i;
            waiters[i] = CompletableFuture.supplyAsync(() -> {
                long reserved = guard.acquire(op, 10 * MIB, 1, LONG_WAIT_MILLIS);
                admittedOrder.add(id);
                return reserved;
            }, threads);
            await().until(() -> guard.waitersForTest() == id + 1); // queue them one after another
        }

        for (int i = 0; i < waiters.length; i++) {
            guard.release(op, held[i], -1); // room for exactly one waiter
            int admitted = i + 1;
            await().until(() -> admittedOrder.size() == admitted);
        }

        CompletableFuture.allOf(waiters).join();
        assertThat(admittedOrder).containsExactly(0, 1, 2, 3, 4);
        for (int i = waiters.length; i < held.length; i++) {
            guard.release(op, held[i], -1);
        }
        for (CompletableFuture<Long> waiter : waiters) {
            guard.release(op, waiter.join(), -1);
        }
    }

    @Test
    void newcomer_thatWouldFit_queuesBehindEarlierWaiter() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("bulk");
        long held = guard.acquire(op, 50 * MIB, 1, 0);
        long stillHeld = guard.acquire(op, 45 * MIB, 1, 0);
        CompletableFuture<Long> big = CompletableFuture.supplyAsync(() -> guard.acquire(op, 30 * MIB, 1, LONG_WAIT_MILLIS), threads);
        await().failFast(big::isDone).until(() -> guard.waitersForTest() == 1);

        CompletableFuture<Long> small = CompletableFuture.supplyAsync(() -> guard.acquire(op, 5 * MIB, 1, LONG_WAIT_MILLIS), threads);

        await().failFast(small::isDone).until(() -> guard.waitersForTest() == 2);
        assertThat(guard.budget().reservedBytes()).as("5 MiB would fit, but the earlier waiter goes first").isEqualTo(95 * MIB);
        guard.release(op, held, -1);
        assertThat(big.join()).isEqualTo(30 * MIB);
        assertThat(small.join()).isEqualTo(5 * MIB);
        guard.release(op, stillHeld, -1);
        guard.release(op, big.join(), -1);
        guard.release(op, small.join(), -1);
    }

    @Test
    void waiter_timesOutWithWaitTimedOut() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("bulk");
        long first = guard.acquire(op, 50 * MIB, 1, 0);
        long second = guard.acquire(op, 45 * MIB, 1, 0);

        long start = System.nanoTime();
        MemoryGuardException e = org.assertj.core.api.Assertions.catchThrowableOfType(MemoryGuardException.class,
                () -> guard.acquire(op, 10 * MIB, 1, 50));
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(e.reason()).isEqualTo(Reason.WAIT_TIMED_OUT);
        assertThat(e.getMessage()).contains("waited 50 ms", "INSUFFICIENT_MEMORY");
        assertThat(waitedMillis).as("never returns before its deadline").isGreaterThanOrEqualTo(50);
        assertThat(op.rejected(Reason.WAIT_TIMED_OUT)).isEqualTo(1);
        assertThat(guard.waitersForTest()).isZero();
        assertThat(guard.budget().reservedBytes()).isEqualTo(95 * MIB);
        guard.release(op, first, -1);
        guard.release(op, second, -1);
    }

    @Test
    void waiter_forConcurrencySlot_admittedWhenSlotFrees() {
        HeapGuard guard = guards.guard(TestGuards.config().operationMaxConcurrent("export", 1));
        OperationHandle export = guard.operation("export");
        long held = guard.acquire(export, MIB, 0, 0);
        CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> guard.acquire(export, MIB, 0, LONG_WAIT_MILLIS), threads);
        await().until(() -> guard.waitersForTest() == 1);

        guard.release(export, held, -1);

        assertThat(waiter.join()).isEqualTo(MIB);
        assertThat(export.inFlight()).isEqualTo(1);
        guard.release(export, waiter.join(), -1);
    }

    @Test
    void waiter_forConcurrencySlotThatNeverFrees_timesOutNamingConcurrencyLimit() {
        HeapGuard guard = guards.guard(TestGuards.config().operationMaxConcurrent("export", 1));
        OperationHandle export = guard.operation("export");
        long held = guard.acquire(export, MIB, 0, 0);

        MemoryGuardException e = org.assertj.core.api.Assertions.catchThrowableOfType(MemoryGuardException.class,
                () -> guard.acquire(export, MIB, 0, 20));

        assertThat(e.reason()).isEqualTo(Reason.WAIT_TIMED_OUT);
        assertThat(e.getMessage()).contains("still CONCURRENCY_LIMIT", "maxConcurrent 1")
                .doesNotContain("INSUFFICIENT_MEMORY");
        assertThat(guard.waitersForTest()).isZero();
        guard.release(export, held, -1);
    }

    @Test
    void faultInjected_neverWaits() {
        HeapGuard guard = guards.guard(TestGuards.config().faultRejectProbability(1.0));

        MemoryGuardException e = org.assertj.core.api.Assertions.catchThrowableOfType(MemoryGuardException.class,
                () -> guard.acquire(guard.operation("bulk"), MIB, 0, LONG_WAIT_MILLIS));

        assertThat(e.reason()).isEqualTo(Reason.FAULT_INJECTED);
        assertThat(guard.waitersForTest()).isZero();
    }

    @Test
    void tooLarge_neverWaits() {
        HeapGuard guard = guards.guard(TestGuards.config());

        MemoryGuardException e = org.assertj.core.api.Assertions.catchThrowableOfType(MemoryGuardException.class,
                () -> guard.acquire(guard.operation("bulk"), 60 * MIB, 1, LONG_WAIT_MILLIS));

        assertThat(e.reason()).isEqualTo(Reason.ALLOCATION_TOO_LARGE);
        assertThat(guard.waitersForTest()).isZero();
    }

    @Test
    void waiter_newGcFigure_wakesAndAdmits() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("bulk");
        guard.onLiveHeapAfterGc(95 * MIB);
        CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(
                () -> guard.acquire(op, 10 * MIB, 1, LONG_WAIT_MILLIS), threads);
        await().until(() -> guard.waitersForTest() == 1);

        guard.onLiveHeapAfterGc(40 * MIB);

        assertThat(waiter.join()).isEqualTo(10 * MIB);
        guard.release(op, waiter.join(), -1);
    }

    @Test
    void waiter_interrupted_givesUpBeforeDeadlineAndKeepsFlag() {
        HeapGuard guard = guards.guard(TestGuards.config());
        guard.onLiveHeapAfterGc(99 * MIB);
        CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                guard.acquire(guard.operation("bulk"), 10 * MIB, 1, LONG_WAIT_MILLIS);
            } catch (MemoryGuardException e) {
                interruptedAfter.complete(Thread.currentThread().isInterrupted());
            }
        });
        t.start();
        await().until(() -> guard.waitersForTest() == 1);

        t.interrupt();

        assertThat(interruptedAfter).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(true);
    }
}
