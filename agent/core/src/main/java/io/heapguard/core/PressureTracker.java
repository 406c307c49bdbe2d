package io.heapguard.core;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The reported pressure level, with hysteresis, and its rate-limited log.
 *
 * <p>A level is entered as soon as usage reaches its threshold, and left only when usage has stayed
 * {@link #HYSTERESIS_FRACTION} of {@code maxHeap} below it for {@link #MIN_CALM_NANOS} (every
 * reading in between), so neither usage hovering at a threshold nor reservations coming and going
 * under load flip the level on every reading. Changes are logged at most once per
 * {@link #LOG_INTERVAL_NANOS}; the others are counted, and the next logged line says how many were
 * not. Off the hot path: called from the sampler and GC notification threads.
 */
final class PressureTracker {

    static final double HYSTERESIS_FRACTION = 0.05;
    static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final long MIN_CALM_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long NEVER = Long.MIN_VALUE;

    private final Ceilings ceilings;
    private final long marginBytes;
    private final LongSupplier nanoClock;
    private final InternalLog log;
    private volatile Pressure level = Pressure.NORMAL;
    private long transitions;
    private long suppressedLogs;
    private long unloggedSinceLastLine;
    private long lastLogNanos = NEVER;
    /** Since when every reading allowed a lower level; NEVER while the last one did not. */
    private long calmSinceNanos = NEVER;

    PressureTracker(Ceilings ceilings, LongSupplier nanoClock, InternalLog log) {
        this.ceilings = ceilings;
        this.marginBytes = (long) (ceilings.maxHeapBytes * HYSTERESIS_FRACTION);
        this.nanoClock = nanoClock;
        this.log = log;
    }

    /**
     * The level for {@code usedBytes}, given the level before; logs a change (rate limited).
     *
     * @param detail the figures behind the change, built only when a line is logged
     */
    synchronized Pressure update(long usedBytes, Supplier<String> detail) {
        Pressure before = level;
        long now = nanoClock.getAsLong();
        Pressure next = ceilings.pressureAt(usedBytes);
        if (next.compareTo(before) < 0) {
            // leave a level only a margin below its threshold, and only once it stayed there
            Pressure withMargin = ceilings.pressureAt(usedBytes + marginBytes);
            if (withMargin.compareTo(before) >= 0) {
                calmSinceNanos = NEVER;
                next = before;
            } else if (calmSinceNanos == NEVER) {
                calmSinceNanos = now;
                next = before;
            } else {
                next = now - calmSinceNanos >= MIN_CALM_NANOS ? withMargin : before;
            }
        } else {
            calmSinceNanos = NEVER;
        }
        if (next != before) {
            level = next;
            transitions++;
            calmSinceNanos = NEVER;
            logChange(before, next, detail, now);
        }
        return next;
    }

    private void logChange(Pressure before, Pressure next, Supplier<String> detail, long now) {
        if (lastLogNanos != NEVER && now - lastLogNanos < LOG_INTERVAL_NANOS) {
            suppressedLogs++;
            unloggedSinceLastLine++;
            return;
        }
        String unlogged = unloggedSinceLastLine == 0 ? ""
                : " (" + unloggedSinceLastLine + " earlier changes not logged: at most one line per "
                + TimeUnit.NANOSECONDS.toSeconds(LOG_INTERVAL_NANOS) + " s)";
        log.warn("pressure " + before + " -> " + next + ": " + detail.get() + unlogged);
        lastLogNanos = now;
        unloggedSinceLastLine = 0;
    }

    Pressure level() {
        return level;
    }

    synchronized long transitions() {
        return transitions;
    }

    synchronized long suppressedLogs() {
        return suppressedLogs;
    }
}
