package io.heapguard.it.agent.app.chaos;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.heapguard.OnMemoryPressure;

/**
 * A cache whose {@code @OnMemoryPressure} hook misbehaves: it throws, or hangs far longer than any
 * cleanup wait, or frees something. The guard must keep admitting and releasing regardless.
 */
public final class ChaosCache {

    private static final long HANG_MILLIS = 120_000;
    static final AtomicLong runs = new AtomicLong();

    private final SplittableRandom random;

    ChaosCache(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @OnMemoryPressure
    public long evict() throws InterruptedException {
        runs.incrementAndGet();
        int fate;
        synchronized (this) {
            fate = random.nextInt(3);
        }
        switch (fate) {
            case 0 -> throw new IllegalStateException("chaos: the cleanup hook failed");
            case 1 -> Thread.sleep(HANG_MILLIS);
            default -> {
                return 1L << 20;
            }
        }
        return 0;
    }
}
