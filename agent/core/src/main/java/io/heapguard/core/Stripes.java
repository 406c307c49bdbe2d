package io.heapguard.core;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-thread stripes of counters that threads would otherwise all write: a padded
 * {@link AtomicLongArray} whose stripes lie 128 bytes apart (no two share a cache line), one stripe
 * per thread id modulo {@link #COUNT}. Threads whose ids collide share a stripe (still correct:
 * every update is atomic, only contended). Bounded (at most 64 stripes), so virtual threads or
 * thread churn cannot grow it.
 */
final class Stripes {

    /**
     * Stripes: the next power of two at or above twice the processors, at least 32, at most 64. At
     * least 32 so that a server's 8-32 request threads get a stripe each even on a small machine:
     * with 8 stripes, 32 threads on 2 processors cost 1.9-2.1x one thread's CPU per call, with 32
     * stripes 1.3x (docs/benchmarks.md). 32 stripes are 4 KiB per striped counter, made only once
     * threads collide on it.
     */
    static final int COUNT = Math.min(64, Math.max(32, Integer.highestOneBit(
            Math.max(1, 2 * Runtime.getRuntime().availableProcessors() - 1)) << 1));
    private static final int MASK = COUNT - 1;
    /** Longs between two stripes' first slots: 128 bytes. */
    static final int PAD = 16;

    private Stripes() {
    }

    /** A fresh, zeroed array of {@link #COUNT} stripes, each with {@link #PAD} slots. */
    static AtomicLongArray newArray() {
        return new AtomicLongArray((COUNT + 1) * PAD);
    }

    /** The first slot of the calling thread's stripe (the slot after it is the stripe's too). */
    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; getId() is the same number
    static int slotOfCurrentThread() {
        return slot((int) Thread.currentThread().getId() & MASK);
    }

    /** The first slot of stripe {@code stripe}; the first stripe starts one pad in, away from the array header. */
    static int slot(int stripe) {
        return (stripe + 1) * PAD;
    }
}
