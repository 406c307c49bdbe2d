package io.heapguard.core;

import static io.heapguard.core.TestGuards.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.heapguard.GuardStats;
import io.heapguard.MemoryGuardException;
import io.heapguard.MemoryGuardException.Reason;
import io.heapguard.Reservation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MonitorAndFaultTest {

    @RegisterExtension
    final TestGuards guards = new TestGuards();

    @Test
    void monitor_overBudget_admitsAndCountsWouldRejectByReason() {
        HeapGuard guard = guards.guard(TestGuards.config().mode(GuardConfig.Mode.MONITOR)
                .operationMaxConcurrent("export", 1));
        OperationHandle export = guard.operation("export");

        long big = guard.acquire(export, 60 * MIB, 1, 0);            // too large
        long second = guard.acquire(export, 45 * MIB, 1, 0);         // over maxConcurrent and over budget
        guard.onLiveHeapAfterGc(105 * MIB);

        assertThat(big).as("held at the per-call limit").isEqualTo(50 * MIB);
        assertThat(second).isEqualTo(45 * MIB);
        assertThat(export.wouldReject(Reason.ALLOCATION_TOO_LARGE)).isEqualTo(1);
        assertThat(export.wouldReject(Reason.CONCURRENCY_LIMIT)).as("the first limit it meets").isEqualTo(1);
        assertThat(export.wouldReject(Reason.INSUFFICIENT_MEMORY)).isZero();
        assertThat(export.rejected(Reason.CONCURRENCY_LIMIT)).isZero();
        assertThat(export.inFlight()).isEqualTo(2);
        guard.release(export, big, -1);
        guard.release(export, second, -1);
        assertThat(guard.budget().reservedBytes()).isZero();
        assertThat(export.inFlight()).isZero();
        GuardStats stats = guard.stats();
        assertThat(stats.rejected()).as("would-be rejections in monitor mode").isEqualTo(2);
        assertThat(guard.snapshot().totals().wouldReject()).isEqualTo(2);
        assertThat(guard.snapshot().totals().rejected()).isZero();
    }

    @Test
    void faultReject_rejectsWithFaultInjectedAndSaysSo() {
        HeapGuard guard = guards.guard(TestGuards.config().faultRejectProbability(1.0));
        OperationHandle op = guard.operation("search");

        MemoryGuardException e = catchThrowableOfType(MemoryGuardException.class, () -> guard.acquire(op, MIB, 0, 0));

        assertThat(e.reason()).isEqualTo(Reason.FAULT_INJECTED);
        assertThat(e.getMessage()).contains("FAULT_INJECTED", "fault injection", "fault.rejectProbability");
        assertThat(op.rejected(Reason.FAULT_INJECTED)).isEqualTo(1);
        assertThat(op.rejected(Reason.INSUFFICIENT_MEMORY)).isZero();
    }

    @Test
    void faultReject_inMonitorMode_countedAsWouldRejectFaultInjected() {
        HeapGuard guard = guards.guard(TestGuards.config().mode(GuardConfig.Mode.MONITOR).faultRejectProbability(1.0));
        OperationHandle op = guard.operation("search");

        guard.release(op, guard.acquire(op, MIB, 0, 0), -1);

        assertThat(op.wouldReject(Reason.FAULT_INJECTED)).isEqualTo(1);
        assertThat(op.wouldReject(Reason.INSUFFICIENT_MEMORY)).isZero();
    }

    @Test
    void faultError_failsOpenWithZeroReservedAndCounts() {
        HeapGuard guard = guards.guard(TestGuards.config().faultErrorProbability(1.0));
        OperationHandle op = guard.operation("search");

        long reserved = guard.acquire(op, MIB, 0, 0);
        guard.release(op, reserved, 100);

        assertThat(reserved).isZero();
        assertThat(guard.stats().internalErrors()).isEqualTo(1);
        assertThat(op.inFlight()).isZero();
        assertThat(guard.budget().reservedBytes()).isZero();
        try (Reservation r = guard.reserve("bulk", MIB, 0, 0)) {
            assertThat(r.bytes()).as("programmatic reserve fails open too").isZero();
        }
        assertThat(guard.stats().internalErrors()).isEqualTo(2);
    }

    @Test
    void faultError_withFailOpenFalse_rejects() {
        HeapGuard guard = guards.guard(TestGuards.config().faultErrorProbability(1.0).failOpen(false));
        OperationHandle op = guard.operation("search");

        MemoryGuardException e = catchThrowableOfType(MemoryGuardException.class, () -> guard.acquire(op, MIB, 0, 0));

        assertThat(e.reason()).as("the guard failed, no limit was reached").isEqualTo(Reason.GUARD_FAILURE);
        assertThat(e.getMessage()).contains("failOpen=false", "fault injection");
        assertThat(op.rejected(Reason.GUARD_FAILURE)).isEqualTo(1);
        assertThat(guard.stats().internalErrors()).isEqualTo(1);
        assertThat(op.inFlight()).isZero();
    }

    @Test
    void faultReject_halfProbability_rejectsSomeAdmitsSome() {
        HeapGuard guard = guards.guard(TestGuards.config().faultRejectProbability(0.5));
        OperationHandle op = guard.operation("search");
        int rejected = 0;
        for (int i = 0; i < 2000; i++) {
            try {
                guard.release(op, guard.acquire(op, 1024, 0, 0), -1);
            } catch (MemoryGuardException e) {
                rejected++;
            }
        }

        assertThat(rejected).isBetween(800, 1200);
        assertThat(op.admitted()).isEqualTo(2000 - rejected);
    }

    @Test
    void reserve_badArguments_nameTheValue() {
        HeapGuard guard = guards.guard(TestGuards.config());

        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> guard.reserve("op", -3, 0, 0)))
                .hasMessageContaining("-3");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> guard.reserve("op", 3, 0, -1)))
                .hasMessageContaining("maxWaitMillis");
    }
}
