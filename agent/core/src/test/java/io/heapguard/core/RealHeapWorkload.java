package io.heapguard.core;

import io.heapguard.MemoryGuardException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The child program of {@link RealHeapForkedTest}, run in its own JVM with a small {@code -Xmx}.
 * Every call is admitted by a real {@link HeapGuard} (GC notifications, real System.gc()) and then
 * allocates {@link #CALL_BYTES}. In {@code retain} mode the calls keep what they allocated (a cache
 * that only grows) until the cleanup hook drops it; in {@code garbage} mode they keep nothing.
 * Prints one {@code RESULT key=value ...} line.
 */
public final class RealHeapWorkload {

    private static final int CHUNK_BYTES = 16 * 1024;
    private static final int CHUNKS_PER_CALL = 16;
    private static final long CALL_BYTES = (long) CHUNK_BYTES * CHUNKS_PER_CALL;
    private static final int MAX_CALLS = 6000;
    private static final int POLLS_FOR_DROP = 400;
    private static final long POLL_MILLIS = 25;
    /** Time between calls: a request rate of ~500 calls/s (~125 MiB/s allocated), like a busy service. */
    private static final long PAUSE_BETWEEN_CALLS_NANOS = 2_000_000;

    private RealHeapWorkload() {
    }

    public static void main(String[] args) throws Exception {
        boolean retain = args.length > 0 && args[0].equals("retain");
        GuardConfig config = GuardConfig.builder()
                .cleanupInterval(Duration.ofSeconds(1))
                .cleanupWait(Duration.ofSeconds(2))
                .sampleInterval(Duration.ofMillis(100))
                .build();
        List<byte[]> cache = new ArrayList<>();
        long[] hookRuns = {0};
        try (HeapGuard guard = HeapGuard.start(config)) {
            guard.registerCleanupHook("growing-cache", () -> {
                synchronized (cache) {
                    hookRuns[0]++;
                    long freed = (long) cache.size() * CHUNK_BYTES;
                    cache.clear();
                    return freed;
                }
            });
            while (!guard.signalStarted()) {
                Thread.sleep(POLL_MILLIS); // the GC listener registers on the sampler thread, off the start path
            }
            OperationHandle op = guard.operation("ingest");
            long admitted = 0;
            long rejected = 0;
            long maxLive = 0;
            Pressure maxPressure = Pressure.NORMAL;
            for (int call = 0; call < MAX_CALLS; call++) {
                try {
                    long reserved = guard.acquire(op, CALL_BYTES, 0, 0);
                    admitted++;
                    long allocatedBefore = HeapGuard.currentThreadAllocatedBytes();
                    try {
                        work(retain, cache);
                    } finally {
                        guard.release(op, reserved, HeapGuard.currentThreadAllocatedBytes() - allocatedBefore);
                    }
                } catch (MemoryGuardException e) {
                    rejected++;
                    System.out.println("rejected: " + e.getMessage());
                }
                LockSupport.parkNanos(PAUSE_BETWEEN_CALLS_NANOS);
                maxLive = Math.max(maxLive, guard.budget().liveAfterGcBytes());
                // the guard's own peak: sampling pressure() here misses the brief crossing of the
                // cleanup threshold that cleanup itself ends
                maxPressure = guard.peakPressure();
                if (retain && guard.cleanup().runs() > 0 && hookRunsNow(cache, hookRuns) > 0) {
                    break;
                }
            }
            long liveAfterCleanup = guard.budget().liveAfterGcBytes();
            for (int i = 0; retain && i < POLLS_FOR_DROP && liveAfterCleanup > maxLive / 2; i++) {
                Thread.sleep(POLL_MILLIS); // let the cleanup thread's GC nudge land
                liveAfterCleanup = guard.budget().liveAfterGcBytes();
            }
            System.out.println(String.format(Locale.ROOT,
                    "RESULT mode=%s admitted=%d rejected=%d hookRuns=%d cleanupRuns=%d maxPressure=%s "
                            + "maxLiveAfterGc=%d liveAfterGcAfterCleanup=%d liveHeapDrop=%d maxHeap=%d "
                            + "reservedBytes=%d inFlight=%d",
                    retain ? "retain" : "garbage", admitted, rejected, hookRunsNow(cache, hookRuns),
                    guard.cleanup().runs(), maxPressure, maxLive, liveAfterCleanup,
                    guard.cleanup().liveHeapDropBytes(), config.maxHeapBytes(),
                    guard.budget().reservedBytes(), inFlight(guard)));
            System.out.println("STATS " + guard.stats().json());
        }
    }

    private static long inFlight(HeapGuard guard) {
        long calls = 0;
        for (OperationHandle op : guard.operations()) {
            calls += op.inFlight();
        }
        return calls;
    }

    private static void work(boolean retain, List<byte[]> cache) {
        for (int i = 0; i < CHUNKS_PER_CALL; i++) {
            byte[] chunk = new byte[CHUNK_BYTES];
            chunk[i] = (byte) i;
            if (retain) {
                synchronized (cache) {
                    cache.add(chunk);
                }
            }
        }
    }

    private static long hookRunsNow(List<byte[]> cache, long[] hookRuns) {
        synchronized (cache) {
            return hookRuns[0];
        }
    }
}
