package io.heapguard;

/**
 * A snapshot of the guard's totals, plus the full statistics document as JSON.
 *
 * @param active         whether a guard core is installed (false: the no-op guard)
 * @param pressure       {@code NORMAL}, {@code WARNING}, {@code CRITICAL} or {@code CLEANUP}
 * @param admitted       calls admitted since start
 * @param rejected       calls rejected since start (in monitor mode: would-be rejections)
 * @param inFlight       reservations currently held
 * @param reservedBytes  bytes currently reserved
 * @param leaks          reservations reported as leaked
 * @param internalErrors internal failures of the guard (each failed open unless configured otherwise)
 * @param json           the full statistics document (schema in docs/stats.md)
 */
public record GuardStats(boolean active, String pressure, long admitted, long rejected,
                         long inFlight, long reservedBytes, long leaks, long internalErrors,
                         String json) {

    /** The stats of the no-op guard used when no agent is installed. */
    public static GuardStats inactive() {
        return new GuardStats(false, "NORMAL", 0, 0, 0, 0, 0, 0,
                "{\"schema\":1,\"active\":false}");
    }
}
