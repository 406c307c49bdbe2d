package io.heapguard.core;

import static io.heapguard.core.TestGuards.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapguard.MemoryGuardException;
import io.heapguard.Reservation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The staged reservations of woven calls: whatever a slot names is released once, whoever finds it. */
class CallSlotTest {

    @RegisterExtension
    final TestGuards guards = new TestGuards();

    @Test
    void acquire_admitted_slotHoldsBoth_releaseTwiceReleasesOnce() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("search");
        CallSlot slot = new CallSlot();

        guard.acquire(op, 10 * MIB, 0, 0, slot);

        assertThat(slot.reservedBytes()).isEqualTo(10 * MIB);
        assertThat(slot.isOpen()).isTrue();
        assertThat(op.inFlight()).isEqualTo(1);
        guard.release(slot, 3 * MIB);
        guard.release(slot, 3 * MIB);
        assertThat(slot.isOpen()).isFalse();
        assertThat(op.inFlight()).isZero();
        assertThat(guard.budget().reservedBytes()).isZero();
        assertThat(op.allocatedBytes()).as("recorded once").isEqualTo(3 * MIB);
        assertThat(op.ratioSummary().count()).isEqualTo(1);
    }

    @Test
    void release_sampledMeasurement_countsForItsWeightInTheTotal_onceInTheRatios() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("sampled");
        CallSlot slot = new CallSlot();

        guard.acquire(op, 4 * MIB, 0, 0, slot);
        guard.release(slot, 2 * MIB, 16); // one measured call standing for 16

        assertThat(op.allocatedBytes()).isEqualTo(16 * 2 * MIB);
        assertThat(op.ratioSummary().count()).isEqualTo(1);
        assertThat(op.ratioSummary().p50()).isBetween(0.49, 0.51);
    }

    @Test
    void acquire_rejected_slotClosedAndHoldsNothing() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("search");
        CallSlot slot = new CallSlot();

        assertThatThrownBy(() -> guard.acquire(op, 1000 * MIB, 0, 0, slot)).isInstanceOf(MemoryGuardException.class);

        assertThat(slot.isOpen()).isFalse();
        assertThat(slot.reservedBytes()).isZero();
        assertThat(op.inFlight()).isZero();
        assertThat(guard.budget().reservedBytes()).isZero();
    }

    @Test
    void release_admissionInterruptedAfterOperationStep_releasesOnlyTheOperation() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("search");
        CallSlot slot = new CallSlot();
        // what an Error between the operation's CAS and the budget's leaves behind
        slot.begin(op, 5 * MIB);
        assertThat(op.tryAcquire(5 * MIB)).isEqualTo(Admission.ADMITTED);
        slot.holds = CallSlot.HOLDS_OPERATION;

        guard.release(slot, -1);

        assertThat(op.inFlight()).isZero();
        assertThat(op.reservedBytes()).isZero();
        assertThat(guard.budget().reservedBytes()).isZero();
    }

    @Test
    void release_interruptedAfterOperationStep_finishesWithTheBudgetOnly() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("search");
        CallSlot slot = new CallSlot();
        guard.acquire(op, 5 * MIB, 0, 0, slot);
        // what an Error between the release's two steps leaves behind
        op.release(5 * MIB);
        slot.holds = CallSlot.HOLDS_BUDGET;

        guard.release(slot, -1);

        assertThat(op.inFlight()).isZero();
        assertThat(guard.budget().reservedBytes()).isZero();
    }

    @Test
    void track_handsBytesToReservation_slotHoldsNothing_closeReleases() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("async");
        CallSlot slot = new CallSlot();
        guard.acquire(op, 2 * MIB, 0, 0, slot);

        Reservation reservation = guard.track(slot);
        guard.release(slot, -1); // the woven exit finds nothing left to release

        assertThat(slot.isOpen()).isFalse();
        assertThat(op.reservedBytes()).isEqualTo(2 * MIB);
        reservation.close();
        assertThat(op.reservedBytes()).isZero();
        assertThat(guard.budget().reservedBytes()).isZero();
    }

    @Test
    void acquire_zeroBytes_admittedHoldingNothing() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("free");
        CallSlot slot = new CallSlot();

        guard.acquire(op, 0, 0, 0, slot);
        guard.release(slot, 100);

        assertThat(op.admitted()).isEqualTo(1);
        assertThat(op.inFlight()).isZero();
        assertThat(op.allocatedBytes()).isEqualTo(100);
    }
}
