package io.heapguard.it.overload;

import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * How the requests of one kind ended, seen from the clients.
 *
 * @param sent             requests whose bytes were written (or attempted) to the server
 * @param ok               complete 200 answers
 * @param badRequest       400 answers (the service refused the input before any guarded work)
 * @param rejectedByReason 429 answers by the {@code reason} in their body
 * @param otherStatus      any other status, by code
 * @param ioErrors         exchanges that failed before a status line (refused, reset, timed out)
 * @param incomplete       200 answers whose body was cut off by the server
 * @param cutOff           requests the clients aborted because the drain time after the window ran out
 * @param cutOffMidAnswer  of those, the ones aborted while reading a 200 answer: served, not all read
 *                         (a slow reader needs about a minute for a 13 MB batch answer)
 * @param okBodyBytes      body bytes of the complete 200 answers
 * @param okLatencyMicros  latency of the complete 200 answers, in microseconds
 */
public record KindCounts(OverloadKind kind, long sent, long ok, long badRequest, Map<String, Long> rejectedByReason,
                         Map<Integer, Long> otherStatus, long ioErrors, long incomplete, long cutOff, long cutOffMidAnswer,
                         long okBodyBytes,
                         Histogram okLatencyMicros) {

    /** Answers the server began to serve: complete ones and those still being read when cut off. */
    public long served() {
        return ok + cutOffMidAnswer;
    }

    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public long otherStatusTotal() {
        return otherStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests whose fate the clients know exactly (an answer with a status and, for 200, the whole body). */
    public long answered() {
        return ok + badRequest + rejected() + otherStatusTotal() + incomplete;
    }
}
