package io.heapguard.core;

import io.heapguard.MemoryGuard;
import io.heapguard.MemoryGuardException;
import io.heapguard.Reservation;
import java.lang.ref.Cleaner;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.ObjLongConsumer;

/**
 * Tracks reservations whose release the guard cannot see (programmatic reserve, async results).
 * A reservation held past {@code leakAge} (checked by the sampler) or garbage collected without
 * being closed (a {@link Cleaner} action) is a leak: counted, reported once per creation site on
 * stderr with its operation and site, and its bytes go back to the budget. Closing it later does
 * nothing: every reservation is released exactly once, by whoever claims it first.
 */
final class LeakTracker {

    private static final Set<String> INTERNAL_CLASSES = Set.of(MemoryGuard.class.getName(),
            HeapGuard.class.getName(), LeakTracker.class.getName(), TrackedReservation.class.getName());
    private static final String[] INTERNAL_PREFIXES = {"io.heapguard.agent.", "io.heapguard.spi."};
    private static final StackWalker WALKER = StackWalker.getInstance();

    private final Set<TrackedReservation.State> live = ConcurrentHashMap.newKeySet();
    /** Created on the first tracked reservation: woven calls never need it. */
    private volatile Cleaner cleaner;
    private final LongAdder leaks = new LongAdder();
    private final ObjLongConsumer<OperationHandle> releaser;
    private final LongSupplier nanoClock;
    private final InternalLog log;

    /** @param releaser gives a reservation's bytes back to the guard */
    LeakTracker(ObjLongConsumer<OperationHandle> releaser, LongSupplier nanoClock, InternalLog log) {
        this.releaser = releaser;
        this.nanoClock = nanoClock;
        this.log = log;
    }

    Reservation track(OperationHandle op, long bytes) {
        TrackedReservation.State state = new TrackedReservation.State(this, op, bytes, nanoClock.getAsLong(), callSite());
        live.add(state);
        TrackedReservation reservation = new TrackedReservation(state);
        reservation.cleanable = cleaner().register(reservation, state);
        return reservation;
    }

    private Cleaner cleaner() {
        Cleaner c = cleaner;
        if (c == null) {
            synchronized (this) {
                c = cleaner;
                if (c == null) {
                    c = Cleaner.create(DaemonThreads.named("heapguard-leak-cleaner"));
                    cleaner = c;
                }
            }
        }
        return c;
    }

    /** Called by the sampler: every reservation older than {@code leakAgeNanos} is a leak. */
    void expireOlderThan(long leakAgeNanos) {
        long now = nanoClock.getAsLong();
        for (TrackedReservation.State state : live) {
            if (now - state.createdNanos >= leakAgeNanos && state.claim()) {
                leaked(state, "was held longer than leakAge");
            }
        }
    }

    void closed(TrackedReservation.State state) {
        live.remove(state);
        releaser.accept(state.op, state.bytes);
    }

    void leaked(TrackedReservation.State state, String how) {
        live.remove(state);
        leaks.increment();
        releaser.accept(state.op, state.bytes);
        log.warnOnce("leak:" + state.op.name() + "@" + state.site, "leaked reservation: "
                + MemoryGuardException.humanBytes(state.bytes) + " for '" + state.op.name() + "' created at "
                + state.site + " " + how + "; its bytes are back in the budget (further leaks from this site are only counted)");
    }

    long leaks() {
        return leaks.sum();
    }

    int tracked() {
        return live.size();
    }

    /** The first frame outside heapguard's own classes: where the application reserved. */
    private static String callSite() {
        Optional<StackWalker.StackFrame> frame = WALKER.walk(frames -> frames
                .filter(f -> !isInternal(f.getClassName()))
                .findFirst());
        return frame.map(f -> f.toStackTraceElement().toString()).orElse("unknown");
    }

    private static boolean isInternal(String className) {
        if (INTERNAL_CLASSES.contains(className)) {
            return true;
        }
        for (String prefix : INTERNAL_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
