package io.heapguard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapguard.MemoryGuardException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Credit switched on adaptively, and credit moves torn by a {@code StackOverflowError} ({@link Budget}).
 * The error is thrown where it could strike for real: between the two atomic steps of a draw (the
 * shared counter raised, the stripe not yet) or of a reclaim (the stripes emptied, the shared counter
 * not yet lowered), through {@link Budget#tearForTest}. Releasing the woven call's {@link CallSlot}
 * must leave every counter at exactly 0, and a later refusal must not wait for a transit that
 * never finishes.
 */
class CreditTearTest {

    private static final long MIB = TestGuards.MIB;
    private static final long CALL_BYTES = 4096;

    @RegisterExtension
    final TestGuards guards = new TestGuards();

    /** The test's own calls decide when the sampler ticks ({@link HeapGuard#sampleOnce}), not its thread. */
    private static GuardConfig quietConfig() {
        return TestGuards.config().sampleInterval(java.time.Duration.ofHours(1)).build();
    }

    @AfterEach
    void noTear() {
        Budget.tearForTest = null;
    }

    @Test
    void oneThread_staysOnTheExactPath_andCreditAndStripesGoOnWhenThreadsCollide() throws Exception {
        HeapGuard guard = guards.guard(quietConfig());
        guard.onLiveHeapAfterGc(10 * MIB);
        OperationHandle op = guard.operation("adaptive");
        CallSlot slot = new CallSlot();
        for (int i = 0; i < 200_000; i++) {
            guard.acquire(op, CALL_BYTES, 0, 0, slot);
            guard.release(slot, -1);
        }
        assertThat(guard.budget().creditOn()).as("one thread never collides: no credit").isFalse();
        assertThat(op.isStriped()).as("nor stripes").isFalse();
        assertThat(guard.budget().reservedWithCreditBytes()).isZero();

        for (int round = 0; round < 50 && !(guard.budget().creditOn() && op.isStriped()); round++) {
            List<Throwable> failures = RacingWorkers.run(4, w -> {
                CallSlot mine = new CallSlot();
                for (int i = 0; i < 50_000; i++) {
                    guard.acquire(op, CALL_BYTES, 0, 0, mine);
                    guard.release(mine, -1);
                }
            });
            assertThat(failures).isEmpty();
        }
        assertThat(guard.budget().creditOn()).as("threads collided on the budget: credit on").isTrue();
        assertThat(op.isStriped()).as("and on the operation: stripes on").isTrue();
        assertThat(op.inFlight()).isZero();
        assertThat(guard.budget().reservedBytes()).isZero();
        guard.sampleOnce();
        assertThat(guard.budget().creditOn()).as("the tick switches credit off").isFalse();
        assertThat(guard.budget().reservedWithCreditBytes()).isZero();

        for (int i = 0; i < 1_000; i++) {
            guard.acquire(op, CALL_BYTES, 0, 0, slot);
            guard.release(slot, -1);
        }
        assertThat(guard.budget().creditOn()).as("one thread again: the exact path").isFalse();
        assertThat(guard.budget().idleCreditBytes()).as("no credit drawn, none returned to a stripe").isZero();
        assertThat(guard.budget().reservedWithCreditBytes()).isZero();
    }

    @Test
    void aDrawTornByStackOverflow_isRepairedByReleasingTheSlot_andALaterRefusalDoesNotSpin() {
        HeapGuard guard = guards.guard(quietConfig()); // maxHeap 100 MiB
        guard.onLiveHeapAfterGc(10 * MIB);
        Budget budget = guard.budget();
        budget.switchOnCredit();
        OperationHandle op = guard.operation("deep");
        CallSlot slot = new CallSlot();
        Budget.tearForTest = step -> {
            if (step == Budget.Step.DRAW) {
                throw new StackOverflowError("test: between the draw's two steps");
            }
        };

        assertThatThrownBy(() -> guard.acquire(op, CALL_BYTES, 0, 0, slot)).isInstanceOf(StackOverflowError.class);
        Budget.tearForTest = null;

        // torn: the chunk (the call's bytes and three calls' worth of credit) in the shared counter,
        // the credit in no stripe, the transit open, and the slot says so
        assertThat(slot.isOpen()).isTrue();
        assertThat(slot.holds).isEqualTo(CallSlot.HOLDS_BOTH | CallSlot.HOLDS_STRAY_CREDIT | CallSlot.HOLDS_TRANSIT);
        assertThat(slot.strayCreditBytes).isEqualTo(3 * CALL_BYTES);
        assertThat(budget.reservedWithCreditBytes()).isEqualTo(4 * CALL_BYTES);
        assertThat(budget.idleCreditBytes()).isZero();
        assertThat(budget.transitsInFlight()).isEqualTo(1);
        assertThat(op.inFlight()).isEqualTo(1);
        // the control: while the transit is open a refusal waits for it, all its passes
        assertThat(refusalPasses(budget)).isEqualTo(100);

        guard.release(slot, -1);

        assertAllZero(guard, op, slot);
        assertThat(refusalPasses(budget)).as("nothing in transit: refused after one pass").isEqualTo(1);
    }

    @Test
    void aReclaimTornByStackOverflow_isRepairedByReleasingTheSlot_andALaterRefusalDoesNotSpin() {
        HeapGuard guard = guards.guard(quietConfig()); // maxHeap 100 MiB, critical 85 MiB
        guard.onLiveHeapAfterGc(40 * MIB);
        Budget budget = guard.budget();
        budget.switchOnCredit();
        OperationHandle op = guard.operation("deep");
        CallSlot first = new CallSlot();
        guard.acquire(op, CALL_BYTES, 0, 0, first); // draws a chunk
        guard.release(first, -1); // and gives its bytes back to the stripe: all four calls' worth idle
        assertThat(budget.idleCreditBytes()).isEqualTo(4 * CALL_BYTES);
        CallSlot slot = new CallSlot();
        Budget.tearForTest = step -> {
            if (step == Budget.Step.RECLAIM) {
                throw new StackOverflowError("test: between the reclaim's two steps");
            }
        };

        // 40 + 48 MiB passes the critical threshold: refused, so it first takes the idle credit back
        assertThatThrownBy(() -> guard.acquire(op, 48 * MIB, -1, 0, slot)).isInstanceOf(StackOverflowError.class);
        Budget.tearForTest = null;

        assertThat(slot.isOpen()).isTrue();
        assertThat(slot.holds).isEqualTo(CallSlot.HOLDS_OPERATION | CallSlot.HOLDS_STRAY_CREDIT
                | CallSlot.HOLDS_TRANSIT | CallSlot.HOLDS_RECLAIMER);
        assertThat(slot.strayCreditBytes).isEqualTo(4 * CALL_BYTES);
        assertThat(budget.idleCreditBytes()).isZero();
        assertThat(budget.reservedWithCreditBytes()).as("taken from the stripes, not yet from the counter")
                .isEqualTo(4 * CALL_BYTES);
        assertThat(budget.transitsInFlight()).isEqualTo(1);
        assertThat(budget.reclaimers()).isEqualTo(1);
        assertThat(refusalPasses(budget)).isEqualTo(100);

        guard.release(slot, -1);

        assertAllZero(guard, op, slot);
        assertThat(refusalPasses(budget)).isEqualTo(1);
    }

    /** Passes one refused call (through the budget) makes taking credit back before it refuses. */
    private static long refusalPasses(Budget budget) {
        long before = budget.reclaimPasses();
        assertThat(budget.tryReserve(budget.maxHeapBytes(), budget.maxHeapBytes())).isEqualTo(-1);
        return budget.reclaimPasses() - before;
    }

    private static void assertAllZero(HeapGuard guard, OperationHandle op, CallSlot slot) {
        Budget budget = guard.budget();
        assertThat(slot.isOpen()).isFalse();
        assertThat(slot.holds).isEqualTo(CallSlot.HOLDS_NOTHING);
        assertThat(slot.strayCreditBytes).isZero();
        assertThat(op.inFlight()).isZero();
        assertThat(op.reservedBytes()).isZero();
        assertThat(budget.reservedBytes()).isZero();
        assertThat(budget.transitsInFlight()).isZero();
        assertThat(budget.reclaimers()).isZero();
        guard.sampleOnce(); // the tick takes back what the release gave its stripe
        assertThat(budget.idleCreditBytes()).isZero();
        assertThat(budget.reservedWithCreditBytes()).as("the shared counter is exactly 0").isZero();
    }
}
