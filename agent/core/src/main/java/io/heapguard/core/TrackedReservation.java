package io.heapguard.core;

import io.heapguard.Reservation;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A leak-tracked reservation. Its {@link State} (not the reservation itself) is what the leak
 * tracker and the {@link Cleaner} hold, so an abandoned reservation can still be collected.
 */
final class TrackedReservation implements Reservation {

    private final State state;
    Cleaner.Cleanable cleanable;

    TrackedReservation(State state) {
        this.state = state;
    }

    @Override
    public String operation() {
        return state.op.name();
    }

    @Override
    public long bytes() {
        return state.bytes;
    }

    /** Releases once; later calls (and a leak already reported) do nothing. */
    @Override
    public void close() {
        if (state.claim()) {
            state.tracker.closed(state);
        }
        Cleaner.Cleanable c = cleanable;
        if (c != null) {
            c.clean(); // deregisters; the action finds the state claimed and does nothing
        }
    }

    @Override
    public String toString() {
        return "Reservation{" + state.op.name() + ", " + state.bytes + " bytes}";
    }

    /** What a release needs; claimed exactly once (close, age-based leak, or collected unreleased). */
    static final class State implements Runnable {
        final LeakTracker tracker;
        final OperationHandle op;
        final long bytes;
        final long createdNanos;
        final String site;
        private final AtomicBoolean claimed = new AtomicBoolean();

        State(LeakTracker tracker, OperationHandle op, long bytes, long createdNanos, String site) {
            this.tracker = tracker;
            this.op = op;
            this.bytes = bytes;
            this.createdNanos = createdNanos;
            this.site = site;
        }

        boolean claim() {
            return claimed.compareAndSet(false, true);
        }

        /** The Cleaner action: the reservation became unreachable. */
        @Override
        public void run() {
            if (claim()) {
                tracker.leaked(this, "was garbage collected without being closed");
            }
        }
    }
}
