package io.heapguard.core;

/**
 * Frees memory when the guard reaches the cleanup threshold (a cache's {@code invalidateAll}, say).
 * Runs on the guard's cleanup thread, never on a caller's thread. A hook that throws is logged once
 * and counted; it never breaks the guard.
 */
@FunctionalInterface
public interface CleanupHook {

    /** Value to return when the hook cannot tell how much it freed. */
    long UNKNOWN_BYTES_FREED = -1L;

    /** Frees what it can; returns the bytes freed, or {@link #UNKNOWN_BYTES_FREED}. */
    long free() throws Exception;
}
