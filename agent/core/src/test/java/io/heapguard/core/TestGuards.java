package io.heapguard.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Creates guards on a scripted signal and a manual clock. Registered as an extension
 * ({@code @RegisterExtension final TestGuards guards = new TestGuards();}), it checks after each test,
 * as Elasticsearch does for its breakers, that every guard the test made is back to zero: no call in
 * flight and no byte reserved, in the budget or any operation ({@link #assertAllReleased()}). Then it
 * closes the guards and checks the budget and operations agree ({@link #close()}). There is no opt-out:
 * a test that leaks on purpose (the leak detector's) must let the leak tracker reclaim what it leaked.
 *
 * <p>The check runs after the test class's own {@code @AfterEach} methods, so a test can stop its
 * threads there first.
 */
final class TestGuards implements AutoCloseable, AfterEachCallback {

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
        return guard(config, clock);
    }

    /** A guard on its own clock (a real one, for a test that measures nothing by time). */
    HeapGuard guard(GuardConfig config, LongSupplier nanoClock) {
        HeapGuard guard = new HeapGuard(config, signal, nanoClock);
        guards.add(guard);
        return guard;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            assertAllReleased();
        } finally {
            close(); // stops the guards' threads even when the test leaked
        }
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
        for (int i = 0; i < guards.size(); i++) {
            HeapGuard guard = guards.get(i);
            String which = guards.size() == 1 ? "" : "guard #" + (i + 1) + " ";
            if (guard.budget().reservedBytes() != 0) {
                held.add(which + "budget: reserved " + guard.budget().reservedBytes() + " bytes");
            }
            for (OperationHandle op : guard.operations()) {
                if (op.inFlight() != 0 || op.reservedBytes() != 0) {
                    held.add(which + "operation '" + op.name() + "': inFlight " + op.inFlight() + ", reserved "
                            + op.reservedBytes() + " bytes");
                }
            }
        }
        if (!held.isEmpty()) {
            throw new AssertionError("expected every reservation released, still held: " + held);
        }
    }
}
