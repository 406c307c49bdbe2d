package io.heapguard.it.overload;

import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * What the clients saw in one run.
 *
 * @param perKind          counts per request kind
 * @param plannedMillis    the load window the plan asked for
 * @param elapsedMillis    from the first request to the last client finishing (drain included)
 * @param serverDiedMillis when the clients noticed the server had exited, from load start; -1 if it did not
 * @param peakClients      clients running at the peak of the ramp
 * @param sampleErrors     the first few I/O errors, for diagnosis
 */
public record LoadResult(Map<OverloadKind, KindCounts> perKind, long plannedMillis, long elapsedMillis,
                         long serverDiedMillis, int peakClients, List<String> sampleErrors) {

    public long sent() {
        return perKind.values().stream().mapToLong(KindCounts::sent).sum();
    }

    public long ok() {
        return perKind.values().stream().mapToLong(KindCounts::ok).sum();
    }

    public long ioErrors() {
        return perKind.values().stream().mapToLong(KindCounts::ioErrors).sum();
    }

    public long badRequests() {
        return perKind.values().stream().mapToLong(KindCounts::badRequest).sum();
    }

    public long incomplete() {
        return perKind.values().stream().mapToLong(KindCounts::incomplete).sum();
    }

    public long cutOff() {
        return perKind.values().stream().mapToLong(KindCounts::cutOff).sum();
    }

    public long otherStatus() {
        return perKind.values().stream().mapToLong(KindCounts::otherStatusTotal).sum();
    }

    /** 429s over all kinds, by reason. */
    public Map<String, Long> rejectedByReason() {
        Map<String, Long> total = new java.util.TreeMap<>();
        perKind.values().forEach(c -> c.rejectedByReason().forEach((r, n) -> total.merge(r, n, Long::sum)));
        return total;
    }

    public long rejected() {
        return rejectedByReason().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Successful queries per second over the planned window plus the drain (or the planned window
     * alone, if longer): a server that died serves nothing for the rest of the window, as its users
     * would see it.
     */
    public double goodputPerSecond() {
        return ok() * 1000.0 / Math.max(plannedMillis, elapsedMillis);
    }

    /** Latency of all successful requests, in microseconds. */
    public Histogram okLatencyMicros() {
        Histogram all = new Histogram(3);
        perKind.values().forEach(c -> all.add(c.okLatencyMicros()));
        return all;
    }

    public boolean serverDied() {
        return serverDiedMillis >= 0;
    }
}
