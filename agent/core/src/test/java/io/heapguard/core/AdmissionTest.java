package io.heapguard.core;

import static io.heapguard.core.TestGuards.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.heapguard.MemoryGuardException;
import io.heapguard.MemoryGuardException.Reason;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AdmissionTest {

    @RegisterExtension
    final TestGuards guards = new TestGuards();

    @Test
    void acquire_withinBudget_reservesAndReleaseReturnsIt() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("search");

        long reserved = guard.acquire(op, 30 * MIB, 0, 0);

        assertThat(reserved).isEqualTo(30 * MIB);
        assertThat(guard.budget().reservedBytes()).isEqualTo(30 * MIB);
        assertThat(op.inFlight()).isEqualTo(1);
        assertThat(op.reservedBytes()).isEqualTo(30 * MIB);
        guard.release(op, reserved, 12 * MIB);
        assertThat(guard.budget().reservedBytes()).isZero();
        assertThat(op.inFlight()).isZero();
        assertThat(op.admitted()).isEqualTo(1);
        assertThat(op.allocatedBytes()).isEqualTo(12 * MIB);
        assertThat(op.peakReservedBytes()).isEqualTo(30 * MIB);
    }

    @Test
    void acquire_overBudget_rejectsAndRollsBack() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle search = guard.operation("search");
        OperationHandle export = guard.operation("export");
        long searchHeld = guard.acquire(search, 45 * MIB, 1, 0);
        long exportHeld = guard.acquire(export, 45 * MIB, 1, 0);

        MemoryGuardException e = catchThrowableOfType(MemoryGuardException.class,
                () -> guard.acquire(export, 20 * MIB, 1, 0));

        assertThat(e.reason()).isEqualTo(Reason.INSUFFICIENT_MEMORY);
        assertThat(e.requestedBytes()).isEqualTo(20 * MIB);
        assertThat(e.availableBytes()).isEqualTo(10 * MIB);
        assertThat(e.limitBytes()).isEqualTo(100 * MIB);
        assertThat(e.getMessage()).contains("top consumers: search 45.0 MiB, export 45.0 MiB");
        assertThat(guard.budget().reservedBytes()).isEqualTo(90 * MIB);
        assertThat(export.inFlight()).isEqualTo(1);
        assertThat(export.reservedBytes()).isEqualTo(45 * MIB);
        assertThat(export.rejected(Reason.INSUFFICIENT_MEMORY)).isEqualTo(1);
        guard.release(search, searchHeld, -1);
        guard.release(export, exportHeld, -1);
    }

    @Test
    void insufficientMemory_message_listsTopThreeConsumersLargestFirst() {
        HeapGuard guard = guards.guard(TestGuards.config());
        Map<String, Long> held = new LinkedHashMap<>();
        held.put("a", 10 * MIB);
        held.put("b", 40 * MIB);
        held.put("c", 20 * MIB);
        held.put("d", 25 * MIB);
        held.forEach((name, bytes) -> guard.acquire(guard.operation(name), bytes, 1, 0));

        assertThatThrownBy(() -> guard.acquire(guard.operation("e"), 10 * MIB, 1, 0))
                .hasMessageContaining("top consumers: b 40.0 MiB, d 25.0 MiB, c 20.0 MiB")
                .hasMessageNotContaining("a 10.0 MiB");
        held.forEach((name, bytes) -> guard.release(guard.operation(name), bytes, -1));
    }

    @Test
    void acquire_aboveGlobalMaxPerCall_rejectsTooLargeWithoutReserving() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("search");

        MemoryGuardException e = catchThrowableOfType(MemoryGuardException.class,
                () -> guard.acquire(op, 51 * MIB, 5, 10_000));

        assertThat(e.reason()).isEqualTo(Reason.ALLOCATION_TOO_LARGE);
        assertThat(e.limitBytes()).isEqualTo(50 * MIB);
        assertThat(e.getMessage()).contains("maxPerCall 50.0 MiB");
        assertThat(op.inFlight()).isZero();
        assertThat(guard.budget().reservedBytes()).isZero();
    }

    @Test
    void acquire_aboveOperationMaxPerCall_rejectsTooLarge() {
        HeapGuard guard = guards.guard(TestGuards.config().operationMaxPerCallBytes("search", 4 * MIB));
        OperationHandle search = guard.operation("search");

        assertThatThrownBy(() -> guard.acquire(search, 5 * MIB, 0, 0))
                .isInstanceOfSatisfying(MemoryGuardException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.ALLOCATION_TOO_LARGE);
                    assertThat(e.limitBytes()).isEqualTo(4 * MIB);
                })
                .hasMessageContaining("operations.search.maxPerCall 4.0 MiB");
        OperationHandle other = guard.operation("other");
        long otherHeld = guard.acquire(other, 5 * MIB, 0, 0);
        assertThat(otherHeld).isEqualTo(5 * MIB);
        guard.release(other, otherHeld, -1);
    }

    @Test
    void acquire_operationMaxInFlight_limitsOnlyThatOperation() {
        HeapGuard guard = guards.guard(TestGuards.config().operationMaxInFlightBytes("export", 10 * MIB));
        OperationHandle export = guard.operation("export");
        long exportHeld = guard.acquire(export, 6 * MIB, 0, 0);

        MemoryGuardException e = catchThrowableOfType(MemoryGuardException.class,
                () -> guard.acquire(export, 6 * MIB, 0, 0));

        assertThat(e.reason()).isEqualTo(Reason.INSUFFICIENT_MEMORY);
        assertThat(e.availableBytes()).isEqualTo(4 * MIB);
        assertThat(e.limitBytes()).isEqualTo(10 * MIB);
        assertThat(e.getMessage()).contains("maxInFlight 10.0 MiB");
        assertThat(export.inFlight()).isEqualTo(1);
        OperationHandle search = guard.operation("search");
        long searchHeld = guard.acquire(search, 6 * MIB, 0, 0);
        assertThat(searchHeld).isEqualTo(6 * MIB);
        guard.release(search, searchHeld, -1);
        guard.release(export, exportHeld, -1);
    }

    @Test
    void acquire_operationMaxInFlightBelowEstimate_isTooLarge() {
        HeapGuard guard = guards.guard(TestGuards.config().operationMaxInFlightBytes("export", 10 * MIB));

        assertThatThrownBy(() -> guard.acquire(guard.operation("export"), 11 * MIB, 0, 0))
                .isInstanceOfSatisfying(MemoryGuardException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ALLOCATION_TOO_LARGE));
    }

    @Test
    void acquire_operationMaxConcurrent_rejectsWithConcurrencyLimit_countsCallsNotBytes() {
        HeapGuard guard = guards.guard(TestGuards.config().operationMaxConcurrent("export", 2));
        OperationHandle export = guard.operation("export");
        long first = guard.acquire(export, 1, 0, 0);
        long second = guard.acquire(export, 1, 0, 0);

        assertThatThrownBy(() -> guard.acquire(export, 1, 0, 0))
                .isInstanceOfSatisfying(MemoryGuardException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CONCURRENCY_LIMIT))
                .hasMessageContaining("CONCURRENCY_LIMIT").hasMessageContaining("maxConcurrent 2");
        assertThat(export.rejected(Reason.CONCURRENCY_LIMIT)).isEqualTo(1);
        assertThat(export.rejected(Reason.INSUFFICIENT_MEMORY)).isZero();
        guard.release(export, first, -1);
        long third = guard.acquire(export, 1, 0, 0);
        assertThat(third).isEqualTo(1);
        assertThat(export.inFlight()).isEqualTo(2);
        guard.release(export, second, -1);
        guard.release(export, third, -1);
    }

    @Test
    void acquire_zeroBytes_admittedHoldingNothing() {
        HeapGuard guard = guards.guard(TestGuards.config().operationMaxConcurrent("ping", 1));
        OperationHandle ping = guard.operation("ping");

        assertThat(guard.acquire(ping, 0, 0, 0)).isZero();
        assertThat(guard.acquire(ping, 0, 0, 0)).isZero();

        assertThat(ping.inFlight()).isZero();
        assertThat(ping.admitted()).isEqualTo(2);
        guard.release(ping, 0, 100);
        assertThat(ping.inFlight()).isZero();
        assertThat(ping.allocatedBytes()).isEqualTo(100);
    }

    @Test
    void budget_usesLiveHeapAfterGcLessWhatWasReservedAtThatGc() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("search");
        long held = guard.acquire(op, 30 * MIB, 1, 0);
        // the GC saw 70 MiB live, 30 of which are the in-flight call's: baseline 40, usage 70
        guard.onLiveHeapAfterGc(70 * MIB);
        assertThat(guard.budget().baselineBytes()).isEqualTo(40 * MIB);

        long second = guard.acquire(op, 30 * MIB, 1, 0);
        assertThat(second).isEqualTo(30 * MIB);
        assertThatThrownBy(() -> guard.acquire(op, 1 * MIB, 1, 0)).isInstanceOf(MemoryGuardException.class);
        guard.release(op, held, -1);
        long third = guard.acquire(op, 30 * MIB, 1, 0);
        assertThat(third).isEqualTo(30 * MIB);
        guard.release(op, second, -1);
        guard.release(op, third, -1);
    }

    @Test
    void budget_liveHeapAboveBudget_rejectsEvenWithNothingReserved() {
        HeapGuard guard = guards.guard(TestGuards.config());
        guard.onLiveHeapAfterGc(99 * MIB);

        MemoryGuardException e = catchThrowableOfType(MemoryGuardException.class,
                () -> guard.acquire(guard.operation("search"), 2 * MIB, 1, 0));

        assertThat(e.reason()).isEqualTo(Reason.INSUFFICIENT_MEMORY);
        assertThat(e.availableBytes()).isEqualTo(1 * MIB);
        assertThat(e.getMessage()).contains("live heap after GC 99.0 MiB", "nothing reserved");
    }

    @Test
    void priority_negative_isShedAboveCritical() {
        HeapGuard guard = guards.guard(TestGuards.config());   // thresholds 0.75 / 0.85 / 0.90
        guard.onLiveHeapAfterGc(80 * MIB);
        OperationHandle op = guard.operation("suggest");

        long atCritical = guard.acquire(op, 5 * MIB, -1, 0);
        assertThat(atCritical).as("85%: at critical, admitted").isEqualTo(5 * MIB);
        MemoryGuardException e = catchThrowableOfType(MemoryGuardException.class, () -> guard.acquire(op, 1 * MIB, -1, 0));

        assertThat(e.reason()).isEqualTo(Reason.MEMORY_PRESSURE_TOO_HIGH);
        assertThat(e.limitBytes()).isEqualTo(85 * MIB);
        assertThat(e.getMessage()).contains("priority -1");
        long priorityZero = guard.acquire(op, 5 * MIB, 0, 0);
        assertThat(priorityZero).as("priority 0 still fits (90%)").isEqualTo(5 * MIB);
        guard.release(op, atCritical, -1);
        guard.release(op, priorityZero, -1);
    }

    @Test
    void priority_zero_isShedAboveCleanupAfterCleanupWasTried() {
        HeapGuard guard = guards.guard(TestGuards.config().cleanupWait(java.time.Duration.ZERO));
        guard.onLiveHeapAfterGc(88 * MIB);
        OperationHandle op = guard.operation("search");

        MemoryGuardException e = catchThrowableOfType(MemoryGuardException.class, () -> guard.acquire(op, 3 * MIB, 0, 0));

        assertThat(e.reason()).isEqualTo(Reason.MEMORY_PRESSURE_TOO_HIGH);
        assertThat(e.limitBytes()).isEqualTo(90 * MIB);
        long positive = guard.acquire(op, 3 * MIB, 1, 0);
        assertThat(positive).as("positive priority: only the budget").isEqualTo(3 * MIB);
        assertThat(op.rejected(Reason.MEMORY_PRESSURE_TOO_HIGH)).isEqualTo(1);
        guard.release(op, positive, -1);
    }

    @Test
    void priority_positive_isLimitedOnlyByBudget() {
        HeapGuard guard = guards.guard(TestGuards.config());
        guard.onLiveHeapAfterGc(95 * MIB);
        OperationHandle op = guard.operation("health");

        long held = guard.acquire(op, 5 * MIB, 7, 0);
        assertThat(held).isEqualTo(5 * MIB);
        assertThatThrownBy(() -> guard.acquire(op, 1, 7, 0))
                .isInstanceOfSatisfying(MemoryGuardException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INSUFFICIENT_MEMORY));
        guard.release(op, held, -1);
    }

    @Test
    void pressure_followsBaselinePlusReserved() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("search");
        assertThat(guard.pressure()).isEqualTo(Pressure.NORMAL);

        guard.onLiveHeapAfterGc(74 * MIB);
        assertThat(guard.pressure()).isEqualTo(Pressure.NORMAL);
        long r = guard.acquire(op, 1 * MIB, 1, 0);
        assertThat(guard.pressure()).isEqualTo(Pressure.WARNING);
        guard.onLiveHeapAfterGc(86 * MIB);   // 1 MiB of it is the reservation: baseline 85
        assertThat(guard.pressure()).isEqualTo(Pressure.CRITICAL);
        guard.release(op, r, -1);
        assertThat(guard.pressure()).isEqualTo(Pressure.CRITICAL);
        guard.onLiveHeapAfterGc(95 * MIB);
        assertThat(guard.pressure()).isEqualTo(Pressure.CLEANUP);
    }

    @Test
    void release_recordsAllocatedToEstimateRatio() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("search");
        for (int i = 1; i <= 100; i++) {
            long r = guard.acquire(op, 1000, 0, 0);
            guard.release(op, r, 10L * i);   // ratios 0.01 .. 1.00
        }

        OperationHandle.RatioSummary ratio = op.ratioSummary();

        assertThat(ratio.count()).isEqualTo(100);
        assertThat(ratio.p50()).isBetween(0.49, 0.51);
        assertThat(ratio.p99()).isBetween(0.98, 1.0);
        assertThat(ratio.max()).isBetween(0.99, 1.01);
        assertThat(op.allocatedBytes()).isEqualTo(10L * 5050);
    }

    @Test
    void release_unknownAllocation_recordsNoRatio() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("search");
        guard.release(op, guard.acquire(op, 1000, 0, 0), -1);

        assertThat(op.ratioSummary().count()).isZero();
        assertThat(op.allocatedBytes()).isZero();
    }

    @Test
    void operation_sameName_sameHandle_blankNameRejected() {
        HeapGuard guard = guards.guard(TestGuards.config());

        assertThat(guard.operation("search")).isSameAs(guard.operation("search"));
        assertThatThrownBy(() -> guard.operation(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("operation");
    }

    @Test
    void defaultEstimate_operationOverridesGlobal() {
        HeapGuard guard = guards.guard(TestGuards.config().defaultEstimateBytes(2 * MIB)
                .operationDefaultEstimateBytes("export", 8 * MIB));

        assertThat(guard.defaultEstimate(guard.operation("export"))).isEqualTo(8 * MIB);
        assertThat(guard.defaultEstimate(guard.operation("search"))).isEqualTo(2 * MIB);
    }

    @Test
    void currentThreadAllocatedBytes_growsWhenThisThreadAllocates() {
        long before = HeapGuard.currentThreadAllocatedBytes();
        byte[][] keep = new byte[64][];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = new byte[16 * 1024];
        }
        long after = HeapGuard.currentThreadAllocatedBytes();

        assertThat(before).isNotNegative();
        assertThat(after - before).isGreaterThanOrEqualTo(64L * 16 * 1024);
        assertThat(keep[63]).hasSize(16 * 1024);
    }
}
