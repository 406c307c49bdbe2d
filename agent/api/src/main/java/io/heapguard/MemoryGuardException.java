package io.heapguard;

import java.util.Locale;

/**
 * Thrown, before the guarded work starts, when the guard cannot admit it. Callers can catch it and
 * degrade (an HTTP 429, a smaller request, a retry later); nothing was allocated for the call.
 */
public class MemoryGuardException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a call was rejected. */
    public enum Reason {
        /** The estimate exceeds the per-call limit (overall or the operation's): it can never fit. */
        ALLOCATION_TOO_LARGE,
        /** The budget (overall or the operation's) has no room for the estimate right now. */
        INSUFFICIENT_MEMORY,
        /** Pressure is critical and the call's priority is shed. */
        MEMORY_PRESSURE_TOO_HIGH,
        /** The call waited for memory ({@link OnReject#WAIT}) and none became free in time. */
        WAIT_TIMED_OUT,
        /**
         * The operation is at its {@code operations.<op>.maxConcurrent} calls in flight: a limit on
         * calls, not on memory; there may be plenty of memory. Raise the limit or queue the work.
         */
        CONCURRENCY_LIMIT,
        /**
         * Refused at random by {@code fault.rejectProbability}, to test how the application handles
         * rejections; no limit was reached. Never seen unless fault injection is configured.
         */
        FAULT_INJECTED,
        /**
         * The guard itself failed while deciding (an internal error, counted in the stats'
         * {@code internalErrors} and logged once) and {@code failOpen=false} refuses calls then: no
         * limit was reached. Report the logged error; {@code failOpen=true} admits such calls instead.
         */
        GUARD_FAILURE
    }

    private final Reason reason;
    private final String operation;
    private final long requestedBytes;
    private final long availableBytes;
    private final long limitBytes;

    /**
     * @param detail extra text appended to the standard message (e.g. top consumers), or null
     */
    public MemoryGuardException(Reason reason, String operation, long requestedBytes,
                                long availableBytes, long limitBytes, String detail) {
        super(message(reason, operation, requestedBytes, availableBytes, limitBytes, detail), null,
                false, true);
        this.reason = reason;
        this.operation = operation;
        this.requestedBytes = requestedBytes;
        this.availableBytes = availableBytes;
        this.limitBytes = limitBytes;
    }

    public Reason reason() {
        return reason;
    }

    public String operation() {
        return operation;
    }

    public long requestedBytes() {
        return requestedBytes;
    }

    /** Bytes that were free under the limit that rejected the call, at the time it was rejected. */
    public long availableBytes() {
        return availableBytes;
    }

    /** The limit that rejected the call, in bytes. */
    public long limitBytes() {
        return limitBytes;
    }

    private static String message(Reason reason, String operation, long requested, long available,
                                  long limit, String detail) {
        String base = String.format(Locale.ROOT,
                "heapguard rejected '%s' (%s): requested %s, available %s, limit %s",
                operation, reason, humanBytes(requested), humanBytes(available), humanBytes(limit));
        return detail == null || detail.isEmpty() ? base : base + "; " + detail;
    }

    /** Formats bytes in binary units with one decimal, e.g. {@code 1.5 MiB}. */
    public static String humanBytes(long bytes) {
        if (bytes < 0) {
            return "-" + humanBytes(-bytes);
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
