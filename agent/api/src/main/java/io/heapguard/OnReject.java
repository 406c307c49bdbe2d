package io.heapguard;

/** What a {@link MemoryAware} call does when the guard cannot admit it. */
public enum OnReject {
    /** Throw {@link MemoryGuardException} before the body runs. */
    THROW,
    /** Wait up to {@link MemoryAware#maxWaitMillis()} for memory, then throw. */
    WAIT,
    /** Call the method named by {@link MemoryAware#fallback()} instead of the body. */
    FALLBACK
}
