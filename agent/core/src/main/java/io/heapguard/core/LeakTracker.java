package io.heapguard.core;

import io.heapguard.MemoryGuard;
import io.heapguard.MemoryGuardException;
import io.heapguard.Reservation;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.ObjLongConsumer;

/**
 * Tracks reservations whose release the guard cannot see (programmatic reserve, async results).
 * A reservation held past {@code leakAge} or garbage collected without being closed (its state is
 * a phantom reference, queued by the GC) is a leak, found by the sampler (and whenever the leak
 * count is read): counted, reported once per creation site on
 * stderr with its operation and site, and its bytes go back to the budget. Closing it later does
 * nothing: every reservation is released exactly once, by whoever claims it first.
 *
 * <p>Creation sites are sampled: walking the stack is most of what a {@code reserve().close()}
 * would cost (1.4–3 µs against ~0.1 µs without it). The first reservation of each operation records
 * its site, then one in {@value #SITE_SAMPLE_ONE_IN} at random. A leak of an unrecorded reservation
 * is still counted and its bytes returned; its report names the operation and the site last recorded
 * for that operation ("created at an unrecorded site; last recorded site for 'op': ..."), which for
 * an operation reserved from one place is the place. Reports are deduplicated by operation and that
 * site, so a leaking site is reported once whether or not its leaks were sampled.
 */
final class LeakTracker {

    private static final Set<String> INTERNAL_CLASSES = Set.of(MemoryGuard.class.getName(),
            HeapGuard.class.getName(), LeakTracker.class.getName(), TrackedReservation.class.getName());
    private static final String[] INTERNAL_PREFIXES = {"io.heapguard.agent.", "io.heapguard.spi."};
    private static final StackWalker WALKER = StackWalker.getInstance();
    /** One reservation in this many records its creation site (besides each operation's first). */
    static final int SITE_SAMPLE_ONE_IN = 128;

    private final Set<TrackedReservation.State> live = ConcurrentHashMap.newKeySet();
    /** Where the GC puts the states of reservations collected unclosed (claimed ones are never queued). */
    private final ReferenceQueue<TrackedReservation> collected = new ReferenceQueue<>();
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
        TrackedReservation reservation = new TrackedReservation();
        TrackedReservation.State state = new TrackedReservation.State(reservation, collected, this, op, bytes,
                nanoClock.getAsLong(), sampledSite(op));
        reservation.state = state;
        live.add(state);
        return reservation;
    }

    /** Called by the sampler: reservations collected unclosed, and every one older than {@code leakAgeNanos}, are leaks. */
    void expireOlderThan(long leakAgeNanos) {
        drainCollected();
        long now = nanoClock.getAsLong();
        for (TrackedReservation.State state : live) {
            if (now - state.createdNanos >= leakAgeNanos && state.claim()) {
                leaked(state, "was held longer than leakAge");
            }
        }
    }

    /** Reports the reservations the GC found unreachable and unclosed. */
    private void drainCollected() {
        for (Reference<? extends TrackedReservation> ref = collected.poll(); ref != null; ref = collected.poll()) {
            TrackedReservation.State state = (TrackedReservation.State) ref;
            if (state.claim()) {
                leaked(state, "was garbage collected without being closed");
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
        String site = state.site != null ? state.site : state.op.recordedLeakSite;
        String where = state.site != null ? state.site
                : "an unrecorded site (one reservation in " + SITE_SAMPLE_ONE_IN + " records its site; last recorded site for '"
                        + state.op.name() + "': " + site + ")";
        log.warnOnce("leak:" + state.op.name() + "@" + site, "leaked reservation: "
                + MemoryGuardException.humanBytes(state.bytes) + " for '" + state.op.name() + "' created at "
                + where + " " + how + "; its bytes are back in the budget (further leaks from this site are only counted)");
    }

    long leaks() {
        drainCollected();
        return leaks.sum();
    }

    int tracked() {
        return live.size();
    }

    /** The creation site when this reservation is sampled (see the class comment), else null. */
    private static String sampledSite(OperationHandle op) {
        if (op.recordedLeakSite != null && ThreadLocalRandom.current().nextInt(SITE_SAMPLE_ONE_IN) != 0) {
            return null;
        }
        String site = callSite();
        op.recordedLeakSite = site;
        return site;
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
