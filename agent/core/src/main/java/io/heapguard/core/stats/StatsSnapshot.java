package io.heapguard.core.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The statistics document (schema {@value #SCHEMA}); every field is described in docs/stats.md.
 * Sizes are bytes; -1 means unknown.
 */
@JsonPropertyOrder({"schema", "timestamp", "pid", "mode", "pressure", "limits", "memory", "signal", "totals",
        "operations", "cleanup"})
public record StatsSnapshot(int schema, String timestamp, long pid, String mode, String pressure, Limits limits,
                            Memory memory, Signal signal, Totals totals, Map<String, Operation> operations,
                            Cleanup cleanup) {

    public static final int SCHEMA = 1;

    @JsonPropertyOrder({"maxHeap", "maxPerCall", "warningThreshold", "criticalThreshold", "cleanupThreshold",
            "warningBytes", "criticalBytes", "cleanupBytes", "cleanupIntervalMillis", "cleanupWaitMillis",
            "leakAgeMillis", "defaultEstimate", "failOpen", "operations"})
    public record Limits(long maxHeap, long maxPerCall, double warningThreshold, double criticalThreshold,
                         double cleanupThreshold, long warningBytes, long criticalBytes, long cleanupBytes,
                         long cleanupIntervalMillis, long cleanupWaitMillis, long leakAgeMillis, long defaultEstimate,
                         boolean failOpen, Map<String, OperationLimits> operations) {
    }

    /** An operation's own limits; absent fields mean the operation has no limit of that kind. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"maxPerCall", "maxInFlight", "maxConcurrent", "defaultEstimate"})
    public record OperationLimits(Long maxPerCall, Long maxInFlight, Integer maxConcurrent, Long defaultEstimate) {
    }

    @JsonPropertyOrder({"heapUsed", "heapMax", "liveAfterGc", "reservedAtLastGc", "baseline", "reservedBytes",
            "systemTotal", "systemAvailable", "processRss", "lastGc"})
    public record Memory(long heapUsed, long heapMax, long liveAfterGc, long reservedAtLastGc, long baseline,
                         long reservedBytes, long systemTotal, long systemAvailable, long processRss, String lastGc) {
    }

    /** How the live heap figure is made (docs/memory-signal.md). */
    @JsonPropertyOrder({"collectors", "confirmedBaseline", "unconfirmed", "lastCompleteGc", "confirmations",
            "lastConfirmationMillis", "confirmationAvailable", "admittedUnconfirmed", "pressureTransitions",
            "pressureLogsSuppressed"})
    public record Signal(String collectors, long confirmedBaseline, long unconfirmed, String lastCompleteGc,
                         long confirmations, long lastConfirmationMillis, boolean confirmationAvailable,
                         long admittedUnconfirmed, long pressureTransitions,
                         long pressureLogsSuppressed) {
    }

    @JsonPropertyOrder({"admitted", "rejected", "wouldReject", "inFlight", "reservedBytes", "leaks", "internalErrors"})
    public record Totals(long admitted, long rejected, long wouldReject, long inFlight, long reservedBytes, long leaks,
                         long internalErrors) {
    }

    @JsonPropertyOrder({"admitted", "rejected", "wouldReject", "inFlight", "reservedBytes", "peakReservedBytes",
            "estimatedBytes", "allocatedBytes", "allocatedToEstimate"})
    public record Operation(long admitted, Map<String, Long> rejected, Map<String, Long> wouldReject, long inFlight,
                            long reservedBytes, long peakReservedBytes, long estimatedBytes, long allocatedBytes,
                            Ratio allocatedToEstimate) {
    }

    /** Allocated bytes divided by the estimate, per call. */
    @JsonPropertyOrder({"count", "p50", "p90", "p99", "max"})
    public record Ratio(long count, double p50, double p90, double p99, double max) {
    }

    @JsonPropertyOrder({"runs", "lastRun", "bytesFreed", "liveHeapDrop", "hookFailures", "gcRequests", "hooks"})
    public record Cleanup(long runs, String lastRun, long bytesFreed, long liveHeapDrop, long hookFailures,
                          long gcRequests, int hooks) {
    }
}
