package io.heapguard;

import io.heapguard.spi.GuardBackend;
import io.heapguard.spi.GuardBackends;

/**
 * Programmatic use of the guard beside the annotations.
 *
 * <pre>{@code
 * try (Reservation r = MemoryGuard.reserve("bulk-index", bytes)) {
 *     indexBatch(docs);
 * }
 * }</pre>
 *
 * Without the agent (no core installed) every call is admitted and nothing is counted.
 */
public final class MemoryGuard {

    private MemoryGuard() {
    }

    /**
     * Admits {@code bytes} for {@code operation} or throws {@link MemoryGuardException}.
     *
     * @throws IllegalArgumentException if operation is null/blank or bytes is negative
     */
    public static Reservation reserve(String operation, long bytes) {
        return reserve(operation, bytes, 0);
    }

    /** As {@link #reserve(String, long)}, with a priority for shedding under critical pressure. */
    public static Reservation reserve(String operation, long bytes, int priority) {
        checkArguments(operation, bytes);
        return GuardBackends.current().reserve(operation, bytes, priority, 0L);
    }

    /**
     * As {@link #reserve(String, long)}, but waits up to {@code maxWaitMillis} for memory to be
     * released before rejecting with {@link MemoryGuardException.Reason#WAIT_TIMED_OUT}.
     */
    public static Reservation reserveOrWait(String operation, long bytes, long maxWaitMillis) {
        checkArguments(operation, bytes);
        if (maxWaitMillis < 0) {
            throw new IllegalArgumentException("maxWaitMillis must be >= 0, was " + maxWaitMillis);
        }
        return GuardBackends.current().reserve(operation, bytes, 0, maxWaitMillis);
    }

    /** The guard's current statistics; an inactive snapshot without the agent. */
    public static GuardStats stats() {
        return GuardBackends.current().stats();
    }

    /** Whether a guard core is installed (the agent is running and enabled). */
    public static boolean isActive() {
        return GuardBackends.current() != GuardBackend.NO_OP;
    }

    private static void checkArguments(String operation, long bytes) {
        if (operation == null || operation.isBlank()) {
            throw new IllegalArgumentException("operation must be a non-blank name, was '" + operation + "'");
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, was " + bytes + " for operation '" + operation + "'");
        }
    }
}
