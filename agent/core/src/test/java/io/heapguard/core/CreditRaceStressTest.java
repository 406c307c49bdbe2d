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

    /** Credit on from the start (it would go on at the first collision). */
    private static Budget creditOn(Budget budget) {
        budget.switchOnCredit();
        return budget;
    }

    /** A woven call's budget step: with a slot, so it may spend and draw credit. */
    private static long reserve(Budget budget, long bytes, long ceilingBytes, CallSlot slot) {
        slot.holds = CallSlot.HOLDS_OPERATION;
        return budget.tryReserve(bytes, ceilingBytes, false, slot);
    }

    private static long reserve(Budget budget, long bytes, long ceilingBytes) {
        return reserve(budget, bytes, ceilingBytes, new CallSlot());
    }

    @Test
    void racingWithCreditOutstanding_neverAdmitsPastTheCeiling_refusesOnlyWhenFull_andReturnsAllCredit()
            throws Exception {
        Budget budget = creditOn(new Budget(MAX_HEAP_BYTES, CREDIT_LIMIT_BYTES, STRIPE_CAP_BYTES));
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
        CallSlot slot = new CallSlot();
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
            long usedAfter = reserve(budget, bytes, CEILING_BYTES, slot);
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
        Budget budget = creditOn(new Budget(MAX_HEAP_BYTES, 500_000, 100_000));
        budget.onGcReading(BASELINE_BYTES, 0, CollectionKind.COMPLETE, 0);

        // a small call draws a chunk: four calls' worth, three of them left idle in this thread's stripe
        assertThat(reserve(budget, 10_000, low)).isPositive();
        assertThat(budget.reservedWithCreditBytes()).isEqualTo(40_000);
        assertThat(budget.idleCreditBytes()).isEqualTo(30_000);
        assertThat(budget.reservedBytes()).as("usage figures leave idle credit out").isEqualTo(10_000);
        assertThat(budget.usedBytes()).isEqualTo(BASELINE_BYTES + 10_000);

        // a high-priority call takes usage (credit counted) above the credit limit: exact path
        assertThat(reserve(budget, 560_000, high)).isEqualTo(BASELINE_BYTES + 600_000);
        assertThat(budget.reservedBytes()).isEqualTo(570_000);

        // 5k at the low ceiling would fit the stripe's credit, but not the ceiling: refused
        assertThat(reserve(budget, 5_000, 650_000)).isEqualTo(-1);
        assertThat(budget.reservedWithCreditBytes()).as("the refusal took the idle credit back").isEqualTo(570_000);
        assertThat(budget.idleCreditBytes()).isZero();

        // the exact path at the low ceiling, nothing idle now
        assertThat(reserve(budget, 20_000, low)).isEqualTo(BASELINE_BYTES + 590_000);
        assertThat(reserve(budget, 20_000, low)).as("now it does not fit").isEqualTo(-1);

        budget.release(20_000);
        budget.release(560_000);
        budget.release(10_000);
        budget.reclaimIdleCredit();
        assertThat(budget.reservedWithCreditBytes()).isZero();
    }

    @Test
    void aRefusalTakesBackIdleCredit_andAdmitsWhatFitsWithoutIt() {
        Budget budget = creditOn(new Budget(MAX_HEAP_BYTES, 500_000, 100_000));
        budget.onGcReading(BASELINE_BYTES, 0, CollectionKind.COMPLETE, 0);
        assertThat(reserve(budget, 25_000, CEILING_BYTES)).isPositive();
        assertThat(budget.idleCreditBytes()).isEqualTo(75_000);
        // 100k + 100k (25k admitted, 75k idle) + 650k > 800k; without the idle credit 775k fits
        assertThat(reserve(budget, 650_000, CEILING_BYTES)).isEqualTo(BASELINE_BYTES + 675_000);
        assertThat(budget.idleCreditBytes()).isZero();
        budget.release(650_000);
        budget.release(25_000);
        budget.reclaimIdleCredit();
        assertThat(budget.reservedWithCreditBytes()).isZero();
    }

    @Test
    void aGcReading_takesAdmittedBytesOutOfTheHeap_notIdleCredit() {
        Budget budget = creditOn(new Budget(MAX_HEAP_BYTES, 500_000, 100_000));
        budget.onGcReading(BASELINE_BYTES, 0, CollectionKind.COMPLETE, 0);
        reserve(budget, 10_000, CEILING_BYTES);
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
        guard.budget().switchOnCredit(); // as the first collision would
        long bytes = 4 * 1024;
        int calls = 200_000;
        List<Throwable> failures = RacingWorkers.run(WORKERS, w -> {
            CallSlot slot = new CallSlot();
            for (int i = 0; i < calls; i++) {
                guard.acquire(op, bytes, 0, 0, slot); // as woven calls do: with a slot, so with credit
                guard.release(slot, -1);
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

    /**
     * Calls of three priorities (three ceilings, as {@link Ceilings#forPriority} gives them) race
     * near those ceilings with credit on, at the budget: small calls spend and draw credit, large
     * ones push usage to the ceilings. Each call is checked against its own ceiling with bounds that
     * hold under any interleaving (see {@link PriorityBooks}). A drawer yields between its two steps
     * now and then (a thread preempted there), so credit is really in transit while calls are decided:
     * a refusal that does not wait such draws out refuses calls that fit.
     */
    @Test
    void mixedCeilingsRacingWithCreditInTransit_neverPassTheirOwnCeiling_andAreRefusedOnlyWhenFull() throws Exception {
        long[] ceilings = {700_000, 800_000, 900_000};
        Budget budget = creditOn(new Budget(MAX_HEAP_BYTES, CREDIT_LIMIT_BYTES, STRIPE_CAP_BYTES));
        budget.onGcReading(BASELINE_BYTES, 0, CollectionKind.COMPLETE, 0);
        PriorityBooks books = new PriorityBooks(BASELINE_BYTES);
        List<Throwable> failures = withDrawersPreempted(() -> RacingWorkers.run(WORKERS, w -> {
            SplittableRandom random = new SplittableRandom(13L * (w + 1));
            CallSlot slot = new CallSlot();
            long[] held = new long[HELD_PER_WORKER];
            int count = 0;
            for (int i = 0; i < CALLS_PER_WORKER / 2; i++) {
                if (count == HELD_PER_WORKER || (count > 0 && random.nextInt(3) == 0)) {
                    long bytes = held[--count];
                    books.releasing(bytes);
                    budget.release(bytes);
                    books.released(bytes);
                }
                // small calls (credit) and large ones (the ceilings) on every worker
                long bytes = 1 + random.nextLong(random.nextInt(2) == 0 ? LARGEST_REQUEST_BYTES : SMALL_REQUEST_BYTES);
                long ceiling = ceilings[random.nextInt(ceilings.length)];
                PriorityBooks.Call call = books.asking(bytes, ceiling);
                if (reserve(budget, bytes, ceiling, slot) >= 0) {
                    books.admitted(call);
                    held[count++] = bytes;
                } else {
                    books.refused(call);
                }
            }
            while (count > 0) {
                long bytes = held[--count];
                books.releasing(bytes);
                budget.release(bytes);
                books.released(bytes);
            }
        }));
        System.out.println("credit race, mixed ceilings: " + books);
        assertThat(failures).isEmpty();
        assertThat(books.violations).isEmpty();
        books.assertRaced(1_000);
        assertThat(budget.reservedBytes()).isZero();
        assertThat(budget.transitsInFlight()).isZero();
        assertThat(budget.reclaimers()).isZero();
        budget.reclaimIdleCredit();
        assertThat(budget.reservedWithCreditBytes()).as("all credit returned: the shared counter is exactly 0").isZero();
    }

    /**
     * The same through the guard: woven calls (with a {@link CallSlot}) of priority -1, 0 and 1 on one
     * operation without limits, each checked against its own priority's ceiling (critical, cleanup,
     * maxHeap threshold).
     */
    @Test
    void guardWithCredit_mixedPrioritiesNearTheirCeilings_neverPassTheirOwn_andAreRefusedOnlyWhenFull() throws Exception {
        long maxHeap = 64 * TestGuards.MIB; // stripes of maxHeap / 64 / stripes: small calls fit them
        GuardConfig config = GuardConfig.builder(10 * maxHeap).maxHeapBytes(maxHeap).maxPerCallBytes(16 * TestGuards.MIB)
                .cleanupInterval(java.time.Duration.ofMillis(20)).cleanupWait(java.time.Duration.ofMillis(1)).build();
        HeapGuard guard = guards.guard(config, System::nanoTime);
        guard.onLiveHeapAfterGc(24 * TestGuards.MIB); // credit limit: 0.75 * 64 - 4 = 44 MiB
        guard.budget().switchOnCredit();
        Ceilings ceilings = new Ceilings(config);
        long baseline = guard.budget().baselineBytes();
        OperationHandle op = guard.operation("shared");
        PriorityBooks books = new PriorityBooks(baseline);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong sawIdleCredit = new AtomicLong();
        Thread observer = new Thread(() -> {
            while (running.get()) {
                long withCredit = guard.budget().reservedWithCreditBytes();
                if (baseline + withCredit > maxHeap) {
                    books.violations.add("baseline + reserved with credit " + withCredit + " > maxHeap");
                }
                if (guard.budget().idleCreditBytes() > 0) {
                    sawIdleCredit.incrementAndGet();
                }
                Thread.yield();
            }
        });
        observer.start();
        List<Throwable> failures = withDrawersPreempted(() -> RacingWorkers.run(WORKERS, w -> {
            SplittableRandom random = new SplittableRandom(5L * (w + 1));
            CallSlot[] held = new CallSlot[HELD_PER_WORKER];
            for (int i = 0; i < held.length; i++) {
                held[i] = new CallSlot();
            }
            int count = 0;
            for (int i = 0; i < 100_000; i++) {
                if (count == HELD_PER_WORKER || (count > 0 && random.nextInt(4) == 0)) {
                    CallSlot slot = held[--count];
                    books.releasing(slot.reservedBytes());
                    guard.release(slot, -1);
                    books.released(slot.bytes);
                }
                long bytes = 1 + random.nextLong(random.nextInt(3) == 0 ? 16 * TestGuards.MIB : 64 * 1024);
                int priority = random.nextInt(3) - 1;
                PriorityBooks.Call call = books.asking(bytes, ceilings.forPriority(priority));
                CallSlot slot = held[count];
                try {
                    guard.acquire(op, bytes, priority, 0, slot);
                    books.admitted(call);
                    count++;
                } catch (io.heapguard.MemoryGuardException e) {
                    books.refused(call);
                }
            }
            while (count > 0) {
                CallSlot slot = held[--count];
                books.releasing(slot.reservedBytes());
                guard.release(slot, -1);
                books.released(slot.bytes);
            }
        }));
        running.set(false);
        observer.join();
        System.out.println("guard credit race, mixed priorities: " + books + " sawIdleCredit=" + sawIdleCredit.get()
                + " striped=" + op.isStriped());
        assertThat(failures).isEmpty();
        assertThat(books.violations).isEmpty();
        books.assertRaced(100);
        assertThat(sawIdleCredit.get()).as("credit was really outstanding").isPositive();
        assertThat(guard.budget().baselineBytes()).as("no reading moved the baseline the checks use").isEqualTo(baseline);
        assertThat(guard.stats().internalErrors()).as("no assert tripped inside admission").isZero();
        assertThat(op.inFlight()).isZero();
        assertThat(op.reservedBytes()).isZero();
        assertThat(guard.budget().reservedBytes()).isZero();
        assertThat(guard.budget().transitsInFlight()).isZero();
        guard.sampleOnce();
        assertThat(guard.budget().reservedWithCreditBytes()).as("the tick returned all credit").isZero();
    }

    /** Runs {@code race} with every drawer yielding between its two steps one time in 8, then stops that. */
    private static List<Throwable> withDrawersPreempted(Race race) throws Exception {
        Budget.tearForTest = step -> {
            if (step == Budget.Step.DRAW && java.util.concurrent.ThreadLocalRandom.current().nextInt(8) == 0) {
                Thread.yield();
            }
        };
        try {
            return race.run();
        } finally {
            Budget.tearForTest = null;
        }
    }

    private interface Race {
        List<Throwable> run() throws Exception;
    }

    /**
     * Books kept from outside the guard for calls checked against their own ceilings; every bound
     * holds under any interleaving:
     * <ul>
     *   <li>an admitted call: what was surely in flight at its admission (admitted before it started,
     *       not released before it returned) plus its bytes and the baseline is within its ceiling;</li>
     *   <li>a refused call: what may have been in flight (asked before it returned, not given back
     *       before it started), itself included, plus the baseline passes its ceiling; otherwise it
     *       fitted and was refused all the same.</li>
     * </ul>
     */
    private static final class PriorityBooks {
        final long baseline;
        final LongAdder asked = new LongAdder();
        final LongAdder givenBack = new LongAdder();
        final LongAdder admittedBytes = new LongAdder();
        final LongAdder releasingBytes = new LongAdder();
        final LongAdder admitted = new LongAdder();
        final LongAdder refused = new LongAdder();
        final Queue<String> violations = new ConcurrentLinkedQueue<>();

        PriorityBooks(long baseline) {
            this.baseline = baseline;
        }

        record Call(long bytes, long ceiling, long admittedBefore, long givenBackBefore) {
        }

        Call asking(long bytes, long ceiling) {
            Call call = new Call(bytes, ceiling, admittedBytes.sum(), givenBack.sum());
            asked.add(bytes);
            return call;
        }

        void admitted(Call call) {
            long surelyInFlight = call.admittedBefore - releasingBytes.sum();
            if (baseline + surelyInFlight + call.bytes > call.ceiling) {
                violations.add("admitted " + call.bytes + " past its ceiling " + call.ceiling + ": at least "
                        + surelyInFlight + " in flight over a baseline of " + baseline);
            }
            admittedBytes.add(call.bytes);
            admitted.increment();
        }

        void refused(Call call) {
            long mostInFlight = asked.sum() - call.givenBackBefore;
            if (baseline + mostInFlight <= call.ceiling) {
                violations.add("refused " + call.bytes + " under its ceiling " + call.ceiling + ": at most "
                        + mostInFlight + " in flight, itself included, over a baseline of " + baseline);
            }
            givenBack.add(call.bytes);
            refused.increment();
        }

        void releasing(long bytes) {
            releasingBytes.add(bytes);
        }

        void released(long bytes) {
            givenBack.add(bytes);
        }

        void assertRaced(long atLeast) {
            assertThat(refused.sum()).as("the ceilings were really reached").isGreaterThan(atLeast);
            assertThat(admitted.sum()).as("and calls were admitted near them").isGreaterThan(atLeast);
        }

        @Override
        public String toString() {
            return "admitted=" + admitted.sum() + " refused=" + refused.sum() + " violations=" + violations.size();
        }
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
