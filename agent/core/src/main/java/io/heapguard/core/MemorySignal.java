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
         * @param allocatedDuringGcBytes for a concurrent collector's cycle, what it kept without
         *        judging whether it is live: what the application allocated while it ran (for
         *        generational ZGC, at most its young generation after it); 0 when not measured
         */
        void afterGc(long heapAfterGcBytes, long allocatedDuringGcBytes, CollectionKind kind);
    }

    /** Starts delivering a reading after each GC. Called once, on the sampler thread. */
    void start(Readings readings);

    /** Reads the current figures; may be slow on first use (OSHI). */
    MemorySample sample();

    /** What {@link #collectGarbage} found. */
    record Collected(Outcome outcome, long heapAfterGcBytes, long allocatedDuringGcBytes, long gcDurationMillis,
                     boolean concurrentCycle) {

        enum Outcome {
            /** A complete collection ran: its figures follow. */
            COMPLETE,
            /** {@code System.gc()} ran no complete collection. */
            NO_COMPLETE_COLLECTION,
            /**
             * Nothing learnt, try again later: not listening to collections (yet), closing, or
             * only a collector this signal cannot classify ran.
             */
            NOTHING_LEARNT
        }

        static final Collected NO_COMPLETE_COLLECTION = new Collected(Outcome.NO_COMPLETE_COLLECTION, -1, 0, -1, false);
        static final Collected NOTHING_LEARNT = new Collected(Outcome.NOTHING_LEARNT, -1, 0, -1, false);

        /**
         * As {@link Readings#afterGc}: the heap after the collection and what it kept without
         * judging; {@code gcDurationMillis} as the collector reports it (-1 when unknown): a pause,
         * or for a {@code concurrentCycle} the whole cycle, most of which ran beside the application.
         */
        static Collected complete(long heapAfterGcBytes, long allocatedDuringGcBytes, long gcDurationMillis,
                                  boolean concurrentCycle) {
            return new Collected(Outcome.COMPLETE, heapAfterGcBytes, allocatedDuringGcBytes, gcDurationMillis,
                    concurrentCycle);
        }
    }

    /**
     * Runs a complete collection and returns what it found: the heap after it and, for a concurrent
     * collector's cycle, what it kept without judging it (as {@link Readings#afterGc}). Its reading
     * goes to the caller only, not also to {@link Readings}: one reading per collection, so the
     * guard judges the growth before it once, on the best figures.
     */
    Collected collectGarbage();

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
