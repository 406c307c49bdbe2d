package io.heapguard.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The overall budget: {@code baseline + reserved <= ceiling}, where {@code baseline} is the live
 * heap after the last GC minus what was reserved at that GC (those bytes are already inside the
 * live heap, and are counted again in {@code reserved} while their calls run).
 *
 * <p>Invariant: {@code reserved} never passes the ceiling it was checked against, under any
 * interleaving: the check and the add are one compare-and-set, repeated until it succeeds or the
 * check fails. Only monitor mode ({@link #forceReserve}) adds without a check.
 */
final class Budget {

    private final long maxHeapBytes;
    private final AtomicLong reserved = new AtomicLong();
    private volatile long baselineBytes;
    private volatile long liveAfterGcBytes = -1;
    private volatile long reservedAtLastGcBytes;
    private volatile long lastGcMillis = -1;

    Budget(long maxHeapBytes) {
        this.maxHeapBytes = maxHeapBytes;
    }

    /**
     * Adds {@code bytes} if {@code baseline + reserved + bytes <= ceilingBytes}; never overshoots.
     *
     * @return the usage (baseline + reserved) with the bytes added, or -1 when they did not fit
     */
    long tryReserve(long bytes, long ceilingBytes) {
        // retries only when another thread changed 'reserved' between our read and our CAS;
        // each retry re-reads the baseline and re-checks the ceiling
        for (;;) {
            long current = reserved.get();
            long next = current + bytes;
            long usedAfter = baselineBytes + next;
            if (usedAfter > ceilingBytes) {
                return -1;
            }
            if (reserved.compareAndSet(current, next)) {
                assert next <= maxHeapBytes : "reserved " + next + " > maxHeap " + maxHeapBytes;
                return usedAfter;
            }
        }
    }

    /** Monitor mode: add without a check. */
    void forceReserve(long bytes) {
        reserved.addAndGet(bytes);
    }

    void release(long bytes) {
        long after = reserved.addAndGet(-bytes);
        assert after >= 0 : "reserved went negative: " + after;
    }

    /** A new live-heap figure after a GC; the reservations held now were part of it. */
    void onLiveHeapAfterGc(long liveBytes, long nowMillis) {
        long heldAtGc = reserved.get();
        reservedAtLastGcBytes = heldAtGc;
        liveAfterGcBytes = liveBytes;
        baselineBytes = Math.max(0, liveBytes - heldAtGc);
        lastGcMillis = nowMillis;
    }

    long maxHeapBytes() {
        return maxHeapBytes;
    }

    long reservedBytes() {
        return reserved.get();
    }

    /** Live heap not explained by reservations, as of the last GC. */
    long baselineBytes() {
        return baselineBytes;
    }

    /** The guarded usage now: baseline plus reservations in flight. */
    long usedBytes() {
        return baselineBytes + reserved.get();
    }

    /** -1 until the first GC was seen. */
    long liveAfterGcBytes() {
        return liveAfterGcBytes;
    }

    long reservedAtLastGcBytes() {
        return reservedAtLastGcBytes;
    }

    /** Epoch millis of the last GC seen, -1 before the first. */
    long lastGcMillis() {
        return lastGcMillis;
    }
}
