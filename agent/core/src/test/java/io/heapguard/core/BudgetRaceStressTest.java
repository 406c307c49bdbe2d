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

/**
 * The budget's admission ({@link Budget#tryReserve}) under threads racing at its ceiling: requests
 * together far above it, so most calls are decided near it. The bounds also hold for an add-then-check
 * budget (built and measured on a branch, not kept: docs/benchmarks.md). Two things are checked
 * from outside the budget, with bounds that hold under any interleaving, so a report is a real fault
 * (a check-then-add budget, and one that refuses 1 kB early, each failed it in every run tried):
 * <ul>
 *   <li><b>no overshoot</b>: the bytes the workers hold, counted after each admission and before each
 *       release (never more than what is really admitted), plus the baseline never pass the ceiling;</li>
 *   <li><b>no refusal with room</b>: a refused call's add saw at most the bytes of calls that had
 *       started to ask and not yet given back; a refusal while even those fitted with its own is a
 *       fault (a lost roll-back, a wrong ceiling).</li>
 * </ul>
 */
class BudgetRaceStressTest {

    private static final int WORKERS = 4;
    private static final int CALLS_PER_WORKER = 400_000;
    private static final long MAX_HEAP_BYTES = 1_000_000;
    private static final long BASELINE_BYTES = 100_000;
    private static final long CEILING_BYTES = 800_000;
    private static final long LARGEST_REQUEST_BYTES = 250_000;
    private static final int HELD_PER_WORKER = 3;

    /** What the workers account from outside the budget. */
    private static final class Books {
        /** Admitted bytes held: added after an admission, taken before its release. */
        final AtomicLong held = new AtomicLong();
        /** Bytes that started to ask (before their add); only grows. */
        final LongAdder asked = new LongAdder();
        /** Bytes given back (after a release or a refusal's roll-back); only grows. */
        final LongAdder givenBack = new LongAdder();
        final LongAdder admitted = new LongAdder();
        final LongAdder refused = new LongAdder();
        final Queue<String> violations = new ConcurrentLinkedQueue<>();
    }

    @Test
    void racingAtTheCeiling_neverAdmitsPastIt_andRefusesOnlyWhenItIsFull() throws Exception {
        Budget budget = new Budget(MAX_HEAP_BYTES);
        budget.onGcReading(BASELINE_BYTES, 0, CollectionKind.COMPLETE, 0);
        Books books = new Books();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong observations = new AtomicLong();
        Thread observer = new Thread(() -> {
            while (running.get()) {
                long held = books.held.get();
                if (BASELINE_BYTES + held > CEILING_BYTES) {
                    books.violations.add("observed: baseline + held " + held + " > ceiling " + CEILING_BYTES);
                }
                observations.incrementAndGet();
                Thread.yield();
            }
        });
        observer.start();
        List<Throwable> failures = RacingWorkers.run(WORKERS,
                w -> work(budget, books, new SplittableRandom(7L * (w + 1))));
        running.set(false);
        observer.join();

        System.out.println("budget race: admitted=" + books.admitted.sum() + " refused=" + books.refused.sum()
                + " observations=" + observations.get());
        assertThat(failures).isEmpty();
        assertThat(books.violations).isEmpty();
        assertThat(books.refused.sum()).as("the ceiling was really reached").isGreaterThan(10_000);
        assertThat(books.admitted.sum()).as("and calls were admitted at it").isGreaterThan(10_000);
        assertThat(observations.get()).as("the observer really looked").isGreaterThan(100);
        assertThat(budget.reservedBytes()).as("every roll-back and release landed").isZero();
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
            long bytes = 1 + random.nextLong(LARGEST_REQUEST_BYTES);
            long givenBackBefore = books.givenBack.sum();
            books.asked.add(bytes);
            long usedAfter = budget.tryReserve(bytes, CEILING_BYTES);
            // what the add can have seen, this call included: asked before it, not given back before it
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
                Thread.yield(); // hold it a while, so overlapping admissions are seen together
            }
        }
        while (count > 0) {
            long bytes = held[--count];
            books.held.addAndGet(-bytes);
            budget.release(bytes);
            books.givenBack.add(bytes);
        }
    }
}
