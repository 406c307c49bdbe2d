package io.heapguard.core;

/**
 * Where the guard's memory figures come from. Internal: the JVM implementation listens to GC
 * notifications; tests use a scripted one and feed readings to the guard directly. Every method
 * runs off the hot path (sampler, GC notification, cleanup or confirmation thread).
 */
interface MemorySignal extends AutoCloseable {

    /** Receives the heap in use after each collection, and whether that collection was complete. */
    @FunctionalInterface
    interface Readings {
        /**
         * @param allocatedDuringGcBytes for a concurrent collector's cycle, what the application
         *        allocated while it ran: kept by the cycle whether live or not (0 when not measured)
         */
        void afterGc(long heapAfterGcBytes, long allocatedDuringGcBytes, CollectionKind kind);
    }

    /** Starts delivering a reading after each GC. Called once, on the sampler thread. */
    void start(Readings readings);

    /** Reads the current figures; may be slow on first use (OSHI). */
    MemorySample sample();

    /** {@link #collectGarbage}: {@code System.gc()} ran no complete collection. */
    long NO_COMPLETE_COLLECTION = -1;
    /** {@link #collectGarbage}: not listening to collections (yet), so nothing could be confirmed. */
    long NOT_LISTENING = -2;

    /**
     * Runs a complete collection and returns the live heap after it; {@link #NO_COMPLETE_COLLECTION}
     * when none ran (for example {@code -XX:+DisableExplicitGC}, or a collector that answers
     * {@code System.gc()} with a concurrent cycle), {@link #NOT_LISTENING} before {@link #start}.
     * Its reading is also delivered to {@link Readings}.
     */
    long collectGarbage();

    /**
     * Whether the guard should run a complete collection as soon as it listens, for a first figure
     * it can trust (cheap while the heap is small); scripted signals in tests say no.
     */
    default boolean confirmAtStart() {
        return false;
    }

    /** The collectors this signal listens to, for the stats. */
    default String collectors() {
        return "";
    }

    @Override
    void close();
}
