package io.heapguard.spi;

import io.heapguard.GuardStats;
import io.heapguard.MemoryGuardException;
import io.heapguard.Reservation;

/**
 * What a guard core provides to the {@link io.heapguard.MemoryGuard} facade. Installed by the agent
 * through {@link GuardBackends}; not for applications.
 */
public interface GuardBackend {

    /**
     * Admits the bytes or throws {@link MemoryGuardException}.
     *
     * @param maxWaitMillis 0 to reject at once, otherwise the longest to wait for memory
     */
    Reservation reserve(String operation, long bytes, int priority, long maxWaitMillis);

    GuardStats stats();

    /** The backend used while no core is installed: admits everything, counts nothing. */
    GuardBackend NO_OP = new GuardBackend() {
        @Override
        public Reservation reserve(String operation, long bytes, int priority, long maxWaitMillis) {
            return new NoOpReservation(operation, bytes);
        }

        @Override
        public GuardStats stats() {
            return GuardStats.inactive();
        }
    };

    /** A reservation that holds nothing. */
    record NoOpReservation(String operation, long bytes) implements Reservation {
        @Override
        public void close() {
        }
    }
}
