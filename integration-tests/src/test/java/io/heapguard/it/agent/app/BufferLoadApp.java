package io.heapguard.it.agent.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.heapguard.MemoryAware;
import io.heapguard.MemoryGuard;
import io.heapguard.MemoryGuardException;

/**
 * A web-service-like load: {@code threads} workers each make {@code requests} guarded calls; a call
 * holds {@code bufferBytes} for about {@code holdMillis}, either as one array (humongous on G1 when
 * at least half a region) or as many small chunks that are old enough to be promoted before they
 * die. {@code retainBytes} of long-lived data is kept for the whole run (the application's real live
 * set). Prints one {@code RESULT load} line: calls served, refused (in all and by reason) and the
 * {@code OutOfMemoryError}s seen; then {@code STATS} and the guard's statistics document.
 *
 * <p>Arguments: {@code threads requests bufferBytes holdMillis shape(array|chunks) retainBytes}.
 */
public final class BufferLoadApp {

    private static final int CHUNK_BYTES = 8 * 1024;
    private static final int CHUNK_STEPS = 4;
    private static final int RETAINED_PIECE_BYTES = 64 * 1024;

    private static final LongAdder served = new LongAdder();
    private static final LongAdder outOfMemory = new LongAdder();
    private static final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    private static final AtomicLong checksum = new AtomicLong();
    /** The application's long-lived data. */
    private static final List<byte[]> retained = new ArrayList<>();

    private BufferLoadApp() {
    }

    @MemoryAware(operation = "request", estimate = "bufferBytes")
    static long handle(long bufferBytes, long holdMillis, boolean chunks) throws InterruptedException {
        long sum = 0;
        if (chunks) {
            // many small objects, held across several young collections: promoted, then garbage
            List<byte[]> held = new ArrayList<>();
            int perStep = (int) (bufferBytes / CHUNK_BYTES / CHUNK_STEPS);
            for (int step = 0; step < CHUNK_STEPS; step++) {
                for (int i = 0; i < perStep; i++) {
                    byte[] chunk = new byte[CHUNK_BYTES];
                    chunk[i % CHUNK_BYTES] = (byte) i;
                    held.add(chunk);
                }
                Thread.sleep(Math.max(1, holdMillis / CHUNK_STEPS));
            }
            for (byte[] chunk : held) {
                sum += chunk[0];
            }
        } else {
            byte[] buffer = new byte[(int) bufferBytes];
            for (int i = 0; i < buffer.length; i += 4096) {
                buffer[i] = (byte) i;
            }
            Thread.sleep(holdMillis);
            sum = buffer[buffer.length - 1];
        }
        return sum;
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int requests = Integer.parseInt(args[1]);
        long bufferBytes = Long.parseLong(args[2]);
        long holdMillis = Long.parseLong(args[3]);
        boolean chunks = "chunks".equals(args[4]);
        long retainBytes = Long.parseLong(args[5]);
        for (long kept = 0; kept < retainBytes; kept += RETAINED_PIECE_BYTES) {
            retained.add(new byte[RETAINED_PIECE_BYTES]); // small pieces: never humongous on G1
        }
        System.gc();
        handle(1, 0, false); // the class is woven and the guard is up before the load starts

        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    for (int r = 0; r < requests; r++) {
                        call(bufferBytes, holdMillis, chunks);
                    }
                } finally {
                    done.countDown();
                }
            }, "worker-" + t);
            worker.start();
        }
        done.await();
        StringBuilder line = new StringBuilder("RESULT load served=").append(served.sum());
        long refusedTotal = 0;
        for (Map.Entry<String, LongAdder> reason : new TreeMap<>(refused).entrySet()) {
            line.append(' ').append(reason.getKey()).append('=').append(reason.getValue().sum());
            refusedTotal += reason.getValue().sum();
        }
        line.append(" refused=").append(refusedTotal).append(" oom=").append(outOfMemory.sum())
                .append(" retainedPieces=").append(retained.size()).append(" checksum=").append(checksum.get());
        System.out.println(line);
        System.out.println("STATS " + MemoryGuard.stats().json().replace('\n', ' '));
    }

    private static void call(long bufferBytes, long holdMillis, boolean chunks) {
        try {
            checksum.addAndGet(handle(bufferBytes, holdMillis, chunks));
            served.increment();
        } catch (MemoryGuardException e) {
            refused.computeIfAbsent(e.reason().name(), k -> new LongAdder()).increment();
        } catch (OutOfMemoryError e) {
            outOfMemory.increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
