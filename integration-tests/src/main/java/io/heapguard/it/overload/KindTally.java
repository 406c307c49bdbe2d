package io.heapguard.it.overload;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Client-side counts for one {@link OverloadKind}, updated concurrently by all clients: what was
 * sent and how each request ended. Latency is recorded for successful requests only.
 */
final class KindTally {

    /** Reason recorded when a 429 body does not name one. */
    static final String UNKNOWN_REASON = "UNKNOWN";
    private static final int LATENCY_SIGNIFICANT_DIGITS = 3;

    private final LongAdder sent = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder badRequest = new LongAdder();
    private final LongAdder ioErrors = new LongAdder();
    private final LongAdder incomplete = new LongAdder();
    private final LongAdder cutOff = new LongAdder();
    private final LongAdder cutOffMidAnswer = new LongAdder();
    private final LongAdder okBodyBytes = new LongAdder();
    private final Map<String, LongAdder> rejectedByReason = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> otherStatus = new ConcurrentHashMap<>();
    private final Histogram okLatencyMicros = new ConcurrentHistogram(LATENCY_SIGNIFICANT_DIGITS);

    void recordSent() {
        sent.increment();
    }

    /**
     * A request still running when the load's drain time ran out, and aborted by the client;
     * {@code midAnswer} when a 200 answer was already being read (served, not yet all read).
     */
    void recordCutOff(boolean midAnswer) {
        cutOff.increment();
        if (midAnswer) {
            cutOffMidAnswer.increment();
        }
    }

    void record(HttpOutcome outcome) {
        if (outcome.succeeded()) {
            ok.increment();
            okBodyBytes.add(outcome.bodyBytes());
            okLatencyMicros.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(outcome.latencyNanos())));
        } else if (outcome.status() == HttpOutcome.NO_STATUS) {
            ioErrors.increment();
        } else if (outcome.status() == 200) {
            incomplete.increment();
        } else if (outcome.status() == 429) {
            String reason = Json.parse(outcome.body()).path("reason").asText(UNKNOWN_REASON);
            rejectedByReason.computeIfAbsent(reason.isEmpty() ? UNKNOWN_REASON : reason, r -> new LongAdder()).increment();
        } else if (outcome.status() == 400) {
            badRequest.increment();
        } else {
            otherStatus.computeIfAbsent(outcome.status(), s -> new LongAdder()).increment();
        }
    }

    KindCounts snapshot(OverloadKind kind) {
        return new KindCounts(kind, sent.sum(), ok.sum(), badRequest.sum(), sums(rejectedByReason), sums(otherStatus),
                ioErrors.sum(), incomplete.sum(), cutOff.sum(), cutOffMidAnswer.sum(), okBodyBytes.sum(), okLatencyMicros.copy());
    }

    private static <K extends Comparable<K>> Map<K, Long> sums(Map<K, LongAdder> adders) {
        Map<K, Long> result = new TreeMap<>();
        adders.forEach((k, v) -> result.put(k, v.sum()));
        return Map.copyOf(result);
    }
}
