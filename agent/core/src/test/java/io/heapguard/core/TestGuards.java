package io.heapguard.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates guards on a scripted signal and a manual clock; on close checks that each guard's budget and
 * operations agree ({@link #close()}), and on request that everything was released ({@link #assertAllReleased()}).
 */
final class TestGuards implements AutoCloseable {

    static final long MIB = 1L << 20;
    /** A JVM max heap for configuration percentages: 1000 MiB, so maxHeap 90% = 900 MiB. */
    static final long JVM_MAX_HEAP = 1000 * MIB;

    final ScriptedSignal signal = new ScriptedSignal();
    final ManualClock clock = new ManualClock();
    private final List<HeapGuard> guards = new ArrayList<>();

    /** A config with a 100 MiB budget and a per-call limit of 50 MiB. */
    static GuardConfig.Builder config() {
        return GuardConfig.builder(JVM_MAX_HEAP).maxHeapBytes(100 * MIB).maxPerCallBytes(50 * MIB);
    }

    HeapGuard guard(GuardConfig config) {
        HeapGuard guard = new HeapGuard(config, signal, clock);
        guards.add(guard);
        return guard;
    }

    HeapGuard guard(GuardConfig.Builder config) {
        return guard(config.build());
    }

    /**
     * Closes every guard, then checks the accounting invariant that holds at rest whatever a test
     * still holds: each operation's calls and bytes in flight are not negative, and the budget's
     * reservations are exactly the sum of the operations' (nothing taken from one and not the other).
     * A test that expects everything released says so with {@link #assertAllReleased()}.
     */
    @Override
    public void close() {
        guards.forEach(HeapGuard::close);
        List<String> problems = new ArrayList<>();
        for (HeapGuard guard : guards) {
            long operationsReserved = 0;
            for (OperationHandle op : guard.operations()) {
                if (op.inFlight() < 0 || op.reservedBytes() < 0) {
                    problems.add(op.name() + ": inFlight " + op.inFlight() + ", reserved " + op.reservedBytes());
                }
                operationsReserved += op.reservedBytes();
            }
            if (guard.budget().reservedBytes() != operationsReserved) {
                problems.add("budget reserved " + guard.budget().reservedBytes() + " but the operations hold "
                        + operationsReserved);
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("guard accounting out of balance at the end of the test: " + problems);
        }
    }

    /** Every guard made here holds nothing: no call in flight, no byte reserved, in the budget or any operation. */
    void assertAllReleased() {
        List<String> held = new ArrayList<>();
        for (HeapGuard guard : guards) {
            if (guard.budget().reservedBytes() != 0) {
                held.add("budget reserved " + guard.budget().reservedBytes());
            }
            for (OperationHandle op : guard.operations()) {
                if (op.inFlight() != 0 || op.reservedBytes() != 0) {
                    held.add(op.name() + ": inFlight " + op.inFlight() + ", reserved " + op.reservedBytes());
                }
            }
        }
        if (!held.isEmpty()) {
            throw new AssertionError("expected every reservation released, still held: " + held);
        }
    }
}
