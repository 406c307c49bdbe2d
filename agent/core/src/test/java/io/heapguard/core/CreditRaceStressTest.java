package io.heapguard.core;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The budget's per-thread credit ({@link Budget}): threads admit small calls from credit drawn in
 * chunks while larger calls race them at the ceiling, so credit is outstanding (drawn, idle in
 * stripes) whenever calls are decided near it. Checked from outside the budget with the bounds of
 * {@link BudgetRaceStressTest}, which hold under any interleaving:
 * <ul>
 *   <li><b>no overshoot</b>: held bytes plus the baseline never pass the ceiling, and neither does
 *       the shared counter (admitted bytes plus idle credit);</li>
 *   <li><b>no refusal with room</b>: a refusal while the calls in flight, itself included, fitted is
 *       a fault, so credit idle in other threads' stripes must never cause one;</li>
 *   <li><b>all credit comes back</b>: at quiescence admitted bytes are 0, and after one reclaim (the
 *       sampler tick's) the shared counter is exactly 0.</li>
 * </ul>
 * Plus single-threaded cases: a priority's ceiling is kept while another thread's credit is idle,
 * and a GC reading takes admitted bytes, not credit, out of the heap figure.
 */
class CreditRaceStressTest {

    private static final int WORKERS = 4;
    private static final int CALLS_PER_WORKER = 400_000;
    private static final long MAX_HEAP_BYTES = 1_000_000;
    private static final long BASELINE_BYTES = 100_000;
    private static final long CREDIT_LIMIT_BYTES = 600_000;
    private static final long STRIPE_CAP_BYTES = 40_000;
    private static final long CEILING_BYTES = 800_000;
    private static final long SMALL_REQUEST_BYTES = 30_000;
    private static final long LARGEST_REQUEST_BYTES = 250_000;
    private static final int HELD_PER_WORKER = 4;

    @RegisterExtension
    final TestGuards guards = new TestGuards();

    /** What the workers account from outside the budget (as in BudgetRaceStressTest). */
    private static final class Books {
        final AtomicLong held = new AtomicLong();
        final LongAdder asked = new LongAdder();
        final LongAdder givenBack = new LongAdder();
        final LongAdder admitted = new LongAdder();
        final LongAdder refused = new LongAdder();
        final Queue<String> violations = new ConcurrentLinkedQueue<>();
    }

    @Test
    void racingWithCreditOutstanding_neverAdmitsPastTheCeiling_refusesOnlyWhenFull_andReturnsAllCredit()
            throws Exception {
        Budget budget = new Budget(MAX_HEAP_BYTES, CREDIT_LIMIT_BYTES, STRIPE_CAP_BYTES);
        budget.onGcReading(BASELINE_BYTES, 0, CollectionKind.COMPLETE, 0);
        Books books = new Books();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong observations = new AtomicLong();
        AtomicLong sawIdleCredit = new AtomicLong();
        Thread observer = new Thread(() -> {
            while (running.get()) {
                long held = books.held.get();
                if (BASELINE_BYTES + held > CEILING_BYTES) {
                    books.violations.add("observed: baseline + held " + held + " > ceiling " + CEILING_BYTES);
                }
                long shared = budget.reservedWithCreditBytes();
                if (BASELINE_BYTES + shared > CEILING_BYTES) {
                    books.violations.add("observed: baseline + reserved with credit " + shared + " > ceiling");
                }
                if (budget.idleCreditBytes() > 0) {
                    sawIdleCredit.incrementAndGet();
                }
                observations.incrementAndGet();
                Thread.yield();
            }
        });
        observer.start();
        List<Throwable> failures = RacingWorkers.run(WORKERS,
                w -> work(budget, books, new SplittableRandom(11L * (w + 1))));
        running.set(false);
        observer.join();

        System.out.println("credit race: admitted=" + books.admitted.sum() + " refused=" + books.refused.sum()
                + " observations=" + observations.get() + " sawIdleCredit=" + sawIdleCredit.get()
                + " idleAtEnd=" + budget.idleCreditBytes());
        assertThat(failures).isEmpty();
        assertThat(books.violations).isEmpty();
        assertThat(books.refused.sum()).as("the ceiling was really reached").isGreaterThan(10_000);
        assertThat(books.admitted.sum()).as("and calls were admitted at it").isGreaterThan(10_000);
        assertThat(observations.get()).as("the observer really looked").isGreaterThan(100);
        assertThat(sawIdleCredit.get()).as("credit was really outstanding while the workers raced").isPositive();
        assertThat(budget.reservedBytes()).as("no admitted byte left at quiescence").isZero();
        budget.reclaimIdleCredit();
        assertThat(budget.idleCreditBytes()).isZero();
        assertThat(budget.reservedWithCreditBytes()).as("all credit returned: the shared counter is exactly 0").isZero();
    }

    private static void work(Budget budget, Books books, SplittableRandom random) {
        long[] held = new long[HELD_PER_WORKER];
        int count = 0;
        for (int i = 0; i < CALLS_PER_WORKER; i++) {
            if (count == HELD_PER_WORKER || (count > 0 && random.nextInt(3) == 0)) {
                long bytes = held[--count];
                books.held.addAndGet(-bytes);
                budget.release(bytes);
                books.givenBack.add(bytes);
            }
            // most calls small enough for credit, some large ones to drive usage to the ceiling
            long bytes = 1 + random.nextLong(random.nextInt(3) == 0 ? LARGEST_REQUEST_BYTES : SMALL_REQUEST_BYTES);
            long givenBackBefore = books.givenBack.sum();
            books.asked.add(bytes);
            long usedAfter = budget.tryReserve(bytes, CEILING_BYTES);
            long mostInBudget = books.asked.sum() - givenBackBefore;
            if (usedAfter < 0) {
                books.refused.increment();
                if (BASELINE_BYTES + mostInBudget <= CEILING_BYTES) {
                    books.violations.add("refused " + bytes + " with at most " + mostInBudget
                            + " in the budget, itself included: it fitted");
                }
                books.givenBack.add(bytes);
                continue;
            }
            books.admitted.increment();
            long heldNow = books.held.addAndGet(bytes);
            if (BASELINE_BYTES + heldNow > CEILING_BYTES) {
                books.violations.add("admitted " + bytes + ": baseline + held " + (BASELINE_BYTES + heldNow) + " > ceiling");
            }
            if (usedAfter > CEILING_BYTES) {
                books.violations.add("admitted " + bytes + " at usage " + usedAfter + " > ceiling");
            }
            held[count++] = bytes;
            if (random.nextInt(8) == 0) {
                Thread.yield();
            }
        }
        while (count > 0) {
            long bytes = held[--count];
            books.held.addAndGet(-bytes);
            budget.release(bytes);
            books.givenBack.add(bytes);
        }
    }

    @Test
    void idleCredit_neverLetsALowPriorityCallPastItsCeiling_andNeverRefusesOneThatFits() {
        long low = 700_000;
        long high = 900_000;
        Budget budget = new Budget(MAX_HEAP_BYTES, 500_000, 100_000);
        budget.onGcReading(BASELINE_BYTES, 0, CollectionKind.COMPLETE, 0);

        // a small call draws a chunk: four calls' worth, three of them left idle in this thread's stripe
        assertThat(budget.tryReserve(10_000, low)).isPositive();
        assertThat(budget.reservedWithCreditBytes()).isEqualTo(40_000);
        assertThat(budget.idleCreditBytes()).isEqualTo(30_000);
        assertThat(budget.reservedBytes()).as("usage figures leave idle credit out").isEqualTo(10_000);
        assertThat(budget.usedBytes()).isEqualTo(BASELINE_BYTES + 10_000);

        // a high-priority call takes usage (credit counted) above the credit limit: exact path
        assertThat(budget.tryReserve(560_000, high)).isEqualTo(BASELINE_BYTES + 600_000);
        assertThat(budget.reservedBytes()).isEqualTo(570_000);

        // 5k at the low ceiling would fit the stripe's credit, but not the ceiling: refused
        assertThat(budget.tryReserve(5_000, 650_000)).isEqualTo(-1);
        assertThat(budget.reservedWithCreditBytes()).as("the refusal took the idle credit back").isEqualTo(570_000);
        assertThat(budget.idleCreditBytes()).isZero();

        // the exact path at the low ceiling, nothing idle now
        assertThat(budget.tryReserve(20_000, low)).isEqualTo(BASELINE_BYTES + 590_000);
        assertThat(budget.tryReserve(20_000, low)).as("now it does not fit").isEqualTo(-1);

        budget.release(20_000);
        budget.release(560_000);
        budget.release(10_000);
        budget.reclaimIdleCredit();
        assertThat(budget.reservedWithCreditBytes()).isZero();
    }

    @Test
    void aRefusalTakesBackIdleCredit_andAdmitsWhatFitsWithoutIt() {
        Budget budget = new Budget(MAX_HEAP_BYTES, 500_000, 100_000);
        budget.onGcReading(BASELINE_BYTES, 0, CollectionKind.COMPLETE, 0);
        assertThat(budget.tryReserve(25_000, CEILING_BYTES)).isPositive();
        assertThat(budget.idleCreditBytes()).isEqualTo(75_000);
        // 100k + 100k (25k admitted, 75k idle) + 650k > 800k; without the idle credit 775k fits
        assertThat(budget.tryReserve(650_000, CEILING_BYTES)).isEqualTo(BASELINE_BYTES + 675_000);
        assertThat(budget.idleCreditBytes()).isZero();
        budget.release(650_000);
        budget.release(25_000);
        budget.reclaimIdleCredit();
        assertThat(budget.reservedWithCreditBytes()).isZero();
    }

    @Test
    void aGcReading_takesAdmittedBytesOutOfTheHeap_notIdleCredit() {
        Budget budget = new Budget(MAX_HEAP_BYTES, 500_000, 100_000);
        budget.onGcReading(BASELINE_BYTES, 0, CollectionKind.COMPLETE, 0);
        budget.tryReserve(10_000, CEILING_BYTES);
        assertThat(budget.reservedWithCreditBytes()).isEqualTo(40_000);

        budget.onGcReading(300_000, 0, CollectionKind.COMPLETE, 1);

        assertThat(budget.reservedAtLastGcBytes()).isEqualTo(10_000);
        assertThat(budget.baselineBytes()).isEqualTo(290_000);
        assertThat(budget.reservedWithCreditBytes()).as("the reading took the credit back").isEqualTo(10_000);
        budget.release(10_000);
        budget.reclaimIdleCredit();
        assertThat(budget.reservedWithCreditBytes()).isZero();
    }

    @Test
    void guardThreadsOnOneOperation_endWithNothingHeld_andTheTickReturnsAllCredit() throws Exception {
        HeapGuard guard = guards.guard(TestGuards.config());
        guard.onLiveHeapAfterGc(10 * TestGuards.MIB);
        OperationHandle op = guard.operation("shared");
        long bytes = 4 * 1024;
        int calls = 200_000;
        List<Throwable> failures = RacingWorkers.run(WORKERS, w -> {
            for (int i = 0; i < calls; i++) {
                long reserved = guard.acquire(op, bytes, 0, 0);
                guard.release(op, reserved, -1);
            }
        });
        assertThat(failures).isEmpty();
        System.out.println("guard credit: striped=" + op.isStriped() + " idle=" + guard.budget().idleCreditBytes()
                + " peak=" + op.peakReservedBytes());
        assertThat(op.admitted()).isEqualTo((long) WORKERS * calls);
        assertThat(op.inFlight()).isZero();
        assertThat(op.reservedBytes()).isZero();
        assertThat(op.peakReservedBytes()).isBetween(bytes, WORKERS * bytes);
        assertThat(guard.budget().reservedBytes()).isZero();
        guard.sampleOnce();
        assertThat(guard.budget().idleCreditBytes()).isZero();
        assertThat(guard.budget().reservedWithCreditBytes()).isZero();
    }

    @Test
    void aStripedOperation_countsCallsReleasedByAnotherThread() throws Exception {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("handedOver");
        long[] held = new long[3];
        for (int i = 0; i < held.length; i++) {
            held[i] = guard.acquire(op, 100 + i, 0, 0); // before striping: the packed word
        }
        op.stripe();
        long later = guard.acquire(op, 1_000, 0, 0); // after: this thread's stripe
        assertThat(op.inFlight()).isEqualTo(4);
        assertThat(op.reservedBytes()).isEqualTo(100 + 101 + 102 + 1_000);
        // released by other threads: their stripes go below 0, the sums stay exact
        List<Throwable> failures = RacingWorkers.run(2, w -> guard.release(op, held[w], -1));
        assertThat(failures).isEmpty();
        assertThat(op.inFlight()).isEqualTo(2);
        assertThat(op.reservedBytes()).isEqualTo(102 + 1_000);
        guard.release(op, held[2], -1);
        guard.release(op, later, -1);
        assertThat(op.inFlight()).isZero();
        assertThat(op.reservedBytes()).isZero();
        assertThat(op.peakReservedBytes()).isLessThanOrEqualTo(100 + 101 + 102 + 1_000);
    }

    @Test
    void guardWithCredit_underRandomPrioritiesAndSizes_neverPassesMaxHeap_andEndsAtExactlyZero() throws Exception {
        long maxHeap = 64 * TestGuards.MIB; // stripes of maxHeap / 64 / stripes: small calls fit them
        GuardConfig config = GuardConfig.builder(10 * maxHeap).maxHeapBytes(maxHeap).maxPerCallBytes(16 * TestGuards.MIB)
                .cleanupInterval(java.time.Duration.ofMillis(20)).cleanupWait(java.time.Duration.ofMillis(1)).build();
        HeapGuard guard = guards.guard(config, System::nanoTime);
        guard.onLiveHeapAfterGc(24 * TestGuards.MIB); // credit limit: 0.75 * 64 - 4 = 44 MiB
        long baseline = guard.budget().baselineBytes();
        OperationHandle op = guard.operation("shared");
        Queue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong sawIdleCredit = new AtomicLong();
        Thread observer = new Thread(() -> {
            while (running.get()) {
                long withCredit = guard.budget().reservedWithCreditBytes();
                if (baseline + withCredit > maxHeap) {
                    violations.add("baseline + reserved with credit " + withCredit + " > maxHeap");
                }
                if (guard.budget().idleCreditBytes() > 0) {
                    sawIdleCredit.incrementAndGet();
                }
                Thread.yield();
            }
        });
        observer.start();
        LongAdder admitted = new LongAdder();
        LongAdder refused = new LongAdder();
        List<Throwable> failures = RacingWorkers.run(WORKERS, w -> {
            SplittableRandom random = new SplittableRandom(5L * (w + 1));
            long[] held = new long[HELD_PER_WORKER];
            int count = 0;
            for (int i = 0; i < 200_000; i++) {
                if (count == HELD_PER_WORKER || (count > 0 && random.nextInt(4) == 0)) {
                    guard.release(op, held[--count], -1);
                }
                long bytes = 1 + random.nextLong(random.nextInt(3) == 0 ? 16 * TestGuards.MIB : 64 * 1024);
                try {
                    held[count++] = guard.acquire(op, bytes, random.nextInt(3) - 1, 0);
                    admitted.increment();
                } catch (io.heapguard.MemoryGuardException e) {
                    count--;
                    refused.increment();
                }
            }
            while (count > 0) {
                guard.release(op, held[--count], -1);
            }
        });
        running.set(false);
        observer.join();
        System.out.println("guard credit race: admitted=" + admitted.sum() + " refused=" + refused.sum()
                + " sawIdleCredit=" + sawIdleCredit.get() + " striped=" + op.isStriped());
        assertThat(failures).isEmpty();
        assertThat(violations).isEmpty();
        assertThat(refused.sum()).as("the ceilings were really reached").isGreaterThan(100);
        assertThat(sawIdleCredit.get()).as("credit was really outstanding").isPositive();
        assertThat(guard.stats().internalErrors()).as("no assert tripped inside admission").isZero();
        assertThat(op.inFlight()).isZero();
        assertThat(op.reservedBytes()).isZero();
        assertThat(guard.budget().reservedBytes()).isZero();
        guard.sampleOnce();
        assertThat(guard.budget().reservedWithCreditBytes()).as("the tick returned all credit").isZero();
    }

    @Test
    void aStripedOperation_admittingOnOneThreadAndReleasingOnAnother_keepsExactFigures() throws Exception {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("producerConsumer");
        op.stripe();
        long bytes = 1L << 30; // 1 GiB a call in the stripes' counts, so they pass 2^41 bytes and 2^21 calls
        java.util.concurrent.atomic.AtomicLongArray cells = op.stripe();
        int admitSlot = Stripes.slotOfCurrentThread();
        // what 4 M calls admitted on this thread and released on another leave: +N on one stripe, -N on
        // another (set directly: the guard's budget could not hold them at once)
        long n = 4_000_000;
        int otherSlot = Stripes.slot((admitSlot / Stripes.PAD - 1 + 1) % Stripes.COUNT);
        cells.getAndAdd(admitSlot, n * ((1L << 42) + bytes));
        cells.getAndAdd(otherSlot, -n * ((1L << 42) + bytes));
        assertThat(op.inFlight()).isZero();
        assertThat(op.reservedBytes()).isZero();
        long held = guard.acquire(op, 10 * TestGuards.MIB, 0, 0);
        assertThat(op.inFlight()).isEqualTo(1);
        assertThat(op.reservedBytes()).isEqualTo(10 * TestGuards.MIB);
        guard.release(op, held, -1);
        assertThat(op.inFlight()).isZero();
        assertThat(op.reservedBytes()).isZero();
    }
}
