package io.heapguard.it.overload;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Polls the service's {@code /health} on its own thread and keeps {@code liveHeapAfterGc} over
 * time. A poll that gets no answer (a server busy in GC, or with every thread blocked) is counted,
 * not retried: the count shows how responsive the service stayed. (The chart uses the GC log
 * instead, see {@link GcLog} for why.)
 */
public final class HeapSampler implements AutoCloseable {

    public static final long POLL_INTERVAL_MILLIS = 250;
    private static final int POLL_TIMEOUT_MILLIS = 2_000;

    private final RawHttpClient http;
    private final long originNanos;
    private final List<HeapSample> samples = new CopyOnWriteArrayList<>();
    private final AtomicLong unanswered = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long heapMax = -1;

    /** Starts polling; times are measured from {@code originNanos} ({@link System#nanoTime()}). */
    public HeapSampler(int port, long originNanos) {
        this.http = RawHttpClient.probe(port, POLL_TIMEOUT_MILLIS);
        this.originNanos = originNanos;
        this.thread = new Thread(this::poll, "heap-sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void poll() {
        long next = System.nanoTime();
        while (running) {
            HttpOutcome outcome = http.exchange(HttpRequestSpec.get(OverloadKind.KEYWORD, "/health"));
            JsonNode health = outcome.succeeded() ? Json.parse(outcome.body()) : null;
            if (health != null && health.path("liveHeapAfterGc").isNumber()) {
                heapMax = health.path("heapMax").asLong(-1);
                samples.add(new HeapSample(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - originNanos),
                        health.path("liveHeapAfterGc").asLong(), health.path("heapUsed").asLong(-1)));
            } else {
                unanswered.incrementAndGet();
            }
            next += TimeUnit.MILLISECONDS.toNanos(POLL_INTERVAL_MILLIS);
            long waitNanos = next - System.nanoTime();
            if (waitNanos > 0) {
                LockSupport.parkNanos(waitNanos);
            } else {
                next = System.nanoTime(); // a slow answer: poll again now, do not try to catch up
            }
        }
    }

    public List<HeapSample> samples() {
        return List.copyOf(samples);
    }

    public long unanswered() {
        return unanswered.get();
    }

    /** The service's max heap from /health, or -1 before the first answer. */
    public long heapMax() {
        return heapMax;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        http.abort();
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }
}
