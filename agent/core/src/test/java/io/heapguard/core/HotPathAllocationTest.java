package io.heapguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admitted path (acquire + release with an allocation figure) must not allocate per call. */
class HotPathAllocationTest {

    private static final int WARM_UP_CALLS = 50_000;
    private static final int MEASURED_CALLS = 200_000;
    /** Far below one object per call; leaves room for one-off allocations (a LongAdder cell, say). */
    private static final long ALLOWED_BYTES_FOR_ALL_CALLS = 16 * 1024;

    @RegisterExtension
    final TestGuards guards = new TestGuards();

    @Test
    void acquireAndRelease_admitted_doNotAllocate() {
        HeapGuard guard = guards.guard(TestGuards.config().operationMaxConcurrent("search", 4)
                .operationMaxInFlightBytes("search", 64 * TestGuards.MIB));
        OperationHandle op = guard.operation("search");
        run(guard, op, WARM_UP_CALLS);

        long before = HeapGuard.currentThreadAllocatedBytes();
        run(guard, op, MEASURED_CALLS);
        long allocated = HeapGuard.currentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated by %d admitted calls", MEASURED_CALLS)
                .isLessThan(ALLOWED_BYTES_FOR_ALL_CALLS);
        assertThat(op.admitted()).isEqualTo(WARM_UP_CALLS + MEASURED_CALLS);
    }

    @Test
    void acquireAndRelease_wovenCallSlot_admitted_doNotAllocate() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("search");
        CallSlot slot = new CallSlot();
        runWithSlot(guard, op, slot, WARM_UP_CALLS);

        long before = HeapGuard.currentThreadAllocatedBytes();
        runWithSlot(guard, op, slot, MEASURED_CALLS);
        long allocated = HeapGuard.currentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated by %d admitted calls", MEASURED_CALLS)
                .isLessThan(ALLOWED_BYTES_FOR_ALL_CALLS);
        assertThat(op.inFlight()).isZero();
    }

    private static void runWithSlot(HeapGuard guard, OperationHandle op, CallSlot slot, int calls) {
        for (int i = 0; i < calls; i++) {
            guard.acquire(op, 4096 + (i & 1023), i % 3 - 1, 0, slot);
            guard.release(slot, 2048 + i % 4096);
        }
    }

    private static void run(HeapGuard guard, OperationHandle op, int calls) {
        for (int i = 0; i < calls; i++) {
            long reserved = guard.acquire(op, 4096 + (i & 1023), i % 3 - 1, 0);
            guard.release(op, reserved, 2048 + i % 4096);
        }
    }
}
