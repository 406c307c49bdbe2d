package io.heapguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapguard.MemoryGuardException;
import io.heapguard.Reservation;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many threads admit and release random sizes against a small budget while an observer checks,
 * at every instant it looks, that no limit is passed. Inside the admission path the same
 * invariants are {@code assert}ed (surefire runs with -ea): a failed assert there would surface as
 * an internal error, which must stay at 0. At the end every counter is back to exactly 0.
 */
class ConcurrencyStressTest {

    private static final int WORKERS = 2;
    private static final int OPERATIONS_PER_WORKER = 500_000;
    private static final long MAX_HEAP_BYTES = 400_000;
    private static final long BASELINE_BYTES = 50_000;
    private static final long LARGEST_REQUEST_BYTES = 105_000;   // a few exceed maxPerCall 100k: ALLOCATION_TOO_LARGE
    /** Each worker holds up to this many reservations at once, so the budget is really contended. */
    private static final int HELD_PER_WORKER = 3;
    private static final long LIMITED_MAX_IN_FLIGHT_BYTES = 300_000;
    private static final int LIMITED_MAX_CONCURRENT = 3;
    private static final int WAIT_ONE_IN = 500;
    private static final int TRACKED_ONE_IN = 100;
    private static final int THROW_ONE_IN = 10;
    private static final long MAX_WAIT_MILLIS = 2;

    @RegisterExtension
    final TestGuards guards = new TestGuards();

    @Test
    void randomAdmissions_neverPassAnyLimit_andEndAtZero() throws Exception {
        GuardConfig config = GuardConfig.builder(10 * MAX_HEAP_BYTES)
                .maxHeapBytes(MAX_HEAP_BYTES).maxPerCallBytes(100_000)
                .operationMaxInFlightBytes("limited", LIMITED_MAX_IN_FLIGHT_BYTES)
                .operationMaxConcurrent("limited", LIMITED_MAX_CONCURRENT)
                .cleanupInterval(Duration.ofMillis(20)).cleanupWait(Duration.ofMillis(1))
                .build();
        HeapGuard guard = guards.guard(config, System::nanoTime);
        LongAdder hookRuns = new LongAdder();
        guard.registerCleanupHook("counter", () -> {
            hookRuns.increment();
            return 0;
        });
        guard.onLiveHeapAfterGc(BASELINE_BYTES);
        List<OperationHandle> ops = List.of(guard.operation("limited"), guard.operation("a"), guard.operation("b"));
        Queue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong observations = new AtomicLong();
        Thread observer = new Thread(() -> observe(guard, ops.get(0), running, violations, observations));
        observer.start();

        LongAdder admitted = new LongAdder();
        LongAdder rejected = new LongAdder();
        List<Throwable> failures = RacingWorkers.run(WORKERS,
                w -> work(guard, ops, new SplittableRandom(42L * (w + 1)), admitted, rejected));
        running.set(false);
        observer.join();

        System.out.println("stress: admitted=" + admitted.sum() + " rejected=" + rejected.sum() + " observations="
                + observations.get() + " cleanupRuns=" + guard.cleanup().runs() + " stats=" + guard.stats().json());
        assertThat(failures).isEmpty();
        assertThat(violations).isEmpty();
        assertThat(observations.get()).as("the observer really looked").isGreaterThan(1000);
        assertThat(admitted.sum() + rejected.sum()).isEqualTo((long) WORKERS * OPERATIONS_PER_WORKER);
        assertThat(rejected.sum()).as("the budget was really contended").isGreaterThan(1000);
        assertThat(admitted.sum()).isGreaterThan(100_000);
        assertThat(guard.budget().reservedBytes()).isZero();
        for (OperationHandle op : ops) {
            assertThat(op.inFlight()).as(op.name()).isZero();
            assertThat(op.reservedBytes()).as(op.name()).isZero();
        }
        assertThat(guard.stats().internalErrors()).as("no assert tripped inside admission").isZero();
        assertThat(guard.leaks().tracked()).isZero();
        assertThat(guard.leaks().leaks()).isZero();
        assertThat(ops.get(0).peakReservedBytes()).isLessThanOrEqualTo(LIMITED_MAX_IN_FLIGHT_BYTES);
        assertThat(guard.stats().admitted()).isEqualTo(admitted.sum());
    }

    private static void work(HeapGuard guard, List<OperationHandle> ops, SplittableRandom random,
                             LongAdder admitted, LongAdder rejected) {
        OperationHandle[] heldOps = new OperationHandle[HELD_PER_WORKER];
        long[] heldBytes = new long[HELD_PER_WORKER];
        int held = 0;
        for (int i = 0; i < OPERATIONS_PER_WORKER; i++) {
            if (held == HELD_PER_WORKER || (held > 0 && random.nextBoolean())) {
                int victim = random.nextInt(held);   // release in random order
                guard.release(heldOps[victim], heldBytes[victim], heldBytes[victim] / 2);
                held--;
                heldOps[victim] = heldOps[held];
                heldBytes[victim] = heldBytes[held];
            }
            OperationHandle op = ops.get(random.nextInt(ops.size()));
            long bytes = 1 + random.nextLong(LARGEST_REQUEST_BYTES);
            int priority = random.nextInt(3) - 1;
            long maxWait = random.nextInt(WAIT_ONE_IN) == 0 ? MAX_WAIT_MILLIS : 0;
            try {
                if (random.nextInt(TRACKED_ONE_IN) == 0) {
                    Reservation r = guard.reserve(op.name(), bytes, priority, maxWait);
                    admitted.increment();
                    r.close();
                    r.close(); // a double close must count once
                    continue;
                }
                long reserved = guard.acquire(op, bytes, priority, maxWait);
                admitted.increment();
                if (random.nextInt(THROW_ONE_IN) == 0) {
                    runFailingBody(guard, op, reserved);
                } else {
                    heldOps[held] = op;
                    heldBytes[held] = reserved;
                    held++;
                }
            } catch (MemoryGuardException e) {
                rejected.increment();
            }
        }
        for (int h = 0; h < held; h++) {
            guard.release(heldOps[h], heldBytes[h], -1);
        }
    }

    /** A guarded body that throws: the release in finally must still happen. */
    private static void runFailingBody(HeapGuard guard, OperationHandle op, long reserved) {
        try {
            throw new IllegalStateException("the guarded body failed");
        } catch (IllegalStateException expected) {
            // the caller sees its own failure; the guard must still get its bytes back
        } finally {
            guard.release(op, reserved, -1);
        }
    }

    private static void observe(HeapGuard guard, OperationHandle limited, AtomicBoolean running,
                                Queue<String> violations, AtomicLong observations) {
        while (running.get()) {
            long reserved = guard.budget().reservedBytes();
            if (guard.budget().baselineBytes() + reserved > MAX_HEAP_BYTES) {
                violations.add("budget: baseline + reserved " + reserved + " > " + MAX_HEAP_BYTES);
            }
            long limitedBytes = limited.reservedBytes();
            if (limitedBytes > LIMITED_MAX_IN_FLIGHT_BYTES) {
                violations.add("limited bytes " + limitedBytes);
            }
            int limitedCalls = limited.inFlight();
            if (limitedCalls > LIMITED_MAX_CONCURRENT) {
                violations.add("limited calls " + limitedCalls);
            }
            if (reserved < 0 || limitedBytes < 0 || limitedCalls < 0) {
                violations.add("negative counter " + reserved + "/" + limitedBytes + "/" + limitedCalls);
            }
            observations.incrementAndGet();
            Thread.yield(); // share the two cores with the workers
        }
    }
}
