package io.heapguard.core;

import io.heapguard.Reservation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A leak-tracked reservation. Its {@link State} (not the reservation itself) is what the leak
 * tracker holds, so an abandoned reservation can still be collected; the state is a phantom
 * reference to it, queued when that happens.
 */
final class TrackedReservation implements Reservation {

    /** Set once, right after construction, by {@link LeakTracker#track}. */
    State state;

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
    }

    @Override
    public String toString() {
        return "Reservation{" + state.op.name() + ", " + state.bytes + " bytes}";
    }

    /**
     * What a release needs; claimed exactly once (close, age-based leak, or collected unreleased).
     * The tracker's live set keeps it reachable until claimed; a state dropped from that set is
     * garbage itself and never queued, so a closed reservation needs no deregistration (what a
     * {@code Cleaner} costs: a synchronized list insert and remove, and a native {@code clear}).
     */
    static final class State extends PhantomReference<TrackedReservation> {
        private static final VarHandle CLAIMED;

        static {
            try {
                CLAIMED = MethodHandles.lookup().findVarHandle(State.class, "claimed", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final LeakTracker tracker;
        final OperationHandle op;
        final long bytes;
        final long createdNanos;
        /** Where it was created, null when its site was not sampled (see {@link LeakTracker}). */
        final String site;
        /** 0 until claimed; a field with a VarHandle rather than an AtomicBoolean: one object fewer per reservation. */
        @SuppressWarnings("unused")
        private volatile int claimed;
        /**
         * The live set's hash: the identity hash of a new object takes the JVM's slow path (a third of
         * a reserve().close() in a profile); equality stays identity.
         */
        private final int hash = ThreadLocalRandom.current().nextInt();

        State(TrackedReservation reservation, ReferenceQueue<TrackedReservation> collected, LeakTracker tracker,
              OperationHandle op, long bytes, long createdNanos, String site) {
            super(reservation, collected);
            this.tracker = tracker;
            this.op = op;
            this.bytes = bytes;
            this.createdNanos = createdNanos;
            this.site = site;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        boolean claim() {
            return CLAIMED.compareAndSet(this, 0, 1);
        }
    }
}
