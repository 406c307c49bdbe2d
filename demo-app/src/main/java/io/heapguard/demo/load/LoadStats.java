package io.heapguard.demo.load;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Outcome counters and latencies, per request kind; updated by every client thread. */
public final class LoadStats {

    /** Outcome of one request. */
    public enum Outcome { ADMITTED, REJECTED, ERROR }

    private final AtomicLong admitted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Map<RequestKind, KindStats> perKind = new EnumMap<>(RequestKind.class);

    public LoadStats() {
        for (RequestKind kind : RequestKind.values()) {
            perKind.put(kind, new KindStats());
        }
    }

    public void record(RequestKind kind, Outcome outcome, long latencyNanos) {
        switch (outcome) {
            case ADMITTED -> admitted.incrementAndGet();
            case REJECTED -> rejected.incrementAndGet();
            case ERROR -> errors.incrementAndGet();
        }
        perKind.get(kind).record(outcome, latencyNanos);
    }

    public long requests() {
        return admitted.get() + rejected.get() + errors.get();
    }

    public long admitted() {
        return admitted.get();
    }

    public long rejected() {
        return rejected.get();
    }

    public long errors() {
        return errors.get();
    }

    public KindStats kind(RequestKind kind) {
        return perKind.get(kind);
    }

    /** One kind's counts and latencies (kept in a growing array; a load run sends at most millions). */
    public static final class KindStats {
        private long[] latenciesNanos = new long[1_024];
        private int count;
        private final long[] outcomes = new long[Outcome.values().length];

        synchronized void record(Outcome outcome, long latencyNanos) {
            outcomes[outcome.ordinal()]++;
            if (count == latenciesNanos.length) {
                latenciesNanos = Arrays.copyOf(latenciesNanos, count * 2);
            }
            latenciesNanos[count++] = latencyNanos;
        }

        public synchronized long count(Outcome outcome) {
            return outcomes[outcome.ordinal()];
        }

        public synchronized int requests() {
            return count;
        }

        /** The latency at {@code quantile} (0..1) over all outcomes, in ms; 0 when nothing was sent. */
        public synchronized double latencyMillis(double quantile) {
            if (count == 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOf(latenciesNanos, count);
            Arrays.sort(sorted);
            int index = (int) Math.min(count - 1, Math.round(quantile * (count - 1)));
            return sorted[index] / 1e6;
        }
    }
}
