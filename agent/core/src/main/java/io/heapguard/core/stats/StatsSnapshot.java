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

        /** Named fields, so two figures of the same type cannot be swapped unnoticed. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private long maxHeap;
            private long maxPerCall;
            private double warningThreshold;
            private double criticalThreshold;
            private double cleanupThreshold;
            private long warningBytes;
            private long criticalBytes;
            private long cleanupBytes;
            private long cleanupIntervalMillis;
            private long cleanupWaitMillis;
            private long leakAgeMillis;
            private long defaultEstimate;
            private boolean failOpen;
            private Map<String, OperationLimits> operations;

            private Builder() {
            }

            public Builder maxHeap(long maxHeap) {
                this.maxHeap = maxHeap;
                return this;
            }

            public Builder maxPerCall(long maxPerCall) {
                this.maxPerCall = maxPerCall;
                return this;
            }

            public Builder warningThreshold(double warningThreshold) {
                this.warningThreshold = warningThreshold;
                return this;
            }

            public Builder criticalThreshold(double criticalThreshold) {
                this.criticalThreshold = criticalThreshold;
                return this;
            }

            public Builder cleanupThreshold(double cleanupThreshold) {
                this.cleanupThreshold = cleanupThreshold;
                return this;
            }

            public Builder warningBytes(long warningBytes) {
                this.warningBytes = warningBytes;
                return this;
            }

            public Builder criticalBytes(long criticalBytes) {
                this.criticalBytes = criticalBytes;
                return this;
            }

            public Builder cleanupBytes(long cleanupBytes) {
                this.cleanupBytes = cleanupBytes;
                return this;
            }

            public Builder cleanupIntervalMillis(long cleanupIntervalMillis) {
                this.cleanupIntervalMillis = cleanupIntervalMillis;
                return this;
            }

            public Builder cleanupWaitMillis(long cleanupWaitMillis) {
                this.cleanupWaitMillis = cleanupWaitMillis;
                return this;
            }

            public Builder leakAgeMillis(long leakAgeMillis) {
                this.leakAgeMillis = leakAgeMillis;
                return this;
            }

            public Builder defaultEstimate(long defaultEstimate) {
                this.defaultEstimate = defaultEstimate;
                return this;
            }

            public Builder failOpen(boolean failOpen) {
                this.failOpen = failOpen;
                return this;
            }

            public Builder operations(Map<String, OperationLimits> operations) {
                this.operations = operations;
                return this;
            }

            public Limits build() {
                return new Limits(maxHeap, maxPerCall, warningThreshold, criticalThreshold, cleanupThreshold, warningBytes, criticalBytes, cleanupBytes, cleanupIntervalMillis, cleanupWaitMillis, leakAgeMillis, defaultEstimate, failOpen, operations);
            }
        }
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

        /** Named fields, so two figures of the same type cannot be swapped unnoticed. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private long heapUsed;
            private long heapMax;
            private long liveAfterGc;
            private long reservedAtLastGc;
            private long baseline;
            private long reservedBytes;
            private long systemTotal;
            private long systemAvailable;
            private long processRss;
            private String lastGc;

            private Builder() {
            }

            public Builder heapUsed(long heapUsed) {
                this.heapUsed = heapUsed;
                return this;
            }

            public Builder heapMax(long heapMax) {
                this.heapMax = heapMax;
                return this;
            }

            public Builder liveAfterGc(long liveAfterGc) {
                this.liveAfterGc = liveAfterGc;
                return this;
            }

            public Builder reservedAtLastGc(long reservedAtLastGc) {
                this.reservedAtLastGc = reservedAtLastGc;
                return this;
            }

            public Builder baseline(long baseline) {
                this.baseline = baseline;
                return this;
            }

            public Builder reservedBytes(long reservedBytes) {
                this.reservedBytes = reservedBytes;
                return this;
            }

            public Builder systemTotal(long systemTotal) {
                this.systemTotal = systemTotal;
                return this;
            }

            public Builder systemAvailable(long systemAvailable) {
                this.systemAvailable = systemAvailable;
                return this;
            }

            public Builder processRss(long processRss) {
                this.processRss = processRss;
                return this;
            }

            public Builder lastGc(String lastGc) {
                this.lastGc = lastGc;
                return this;
            }

            public Memory build() {
                return new Memory(heapUsed, heapMax, liveAfterGc, reservedAtLastGc, baseline, reservedBytes, systemTotal, systemAvailable, processRss, lastGc);
            }
        }
    }

    /** How the live heap figure is made (docs/memory-signal.md). */
    @JsonPropertyOrder({"collectors", "confirmedBaseline", "unconfirmed", "lastCompleteGc", "confirmations",
            "lastConfirmationMillis", "confirmationAvailable", "lastGrowth", "admittedUnconfirmed",
            "pressureTransitions", "pressureLogsSuppressed"})
    public record Signal(String collectors, long confirmedBaseline, long unconfirmed, String lastCompleteGc,
                         long confirmations, long lastConfirmationMillis, boolean confirmationAvailable,
                         String lastGrowth, long admittedUnconfirmed, long pressureTransitions,
                         long pressureLogsSuppressed) {

        /** Named fields, so two figures of the same type cannot be swapped unnoticed. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String collectors;
            private long confirmedBaseline;
            private long unconfirmed;
            private String lastCompleteGc;
            private long confirmations;
            private long lastConfirmationMillis;
            private boolean confirmationAvailable;
            private String lastGrowth;
            private long admittedUnconfirmed;
            private long pressureTransitions;
            private long pressureLogsSuppressed;

            private Builder() {
            }

            public Builder collectors(String collectors) {
                this.collectors = collectors;
                return this;
            }

            public Builder confirmedBaseline(long confirmedBaseline) {
                this.confirmedBaseline = confirmedBaseline;
                return this;
            }

            public Builder unconfirmed(long unconfirmed) {
                this.unconfirmed = unconfirmed;
                return this;
            }

            public Builder lastCompleteGc(String lastCompleteGc) {
                this.lastCompleteGc = lastCompleteGc;
                return this;
            }

            public Builder confirmations(long confirmations) {
                this.confirmations = confirmations;
                return this;
            }

            public Builder lastConfirmationMillis(long lastConfirmationMillis) {
                this.lastConfirmationMillis = lastConfirmationMillis;
                return this;
            }

            public Builder confirmationAvailable(boolean confirmationAvailable) {
                this.confirmationAvailable = confirmationAvailable;
                return this;
            }

            public Builder lastGrowth(String lastGrowth) {
                this.lastGrowth = lastGrowth;
                return this;
            }

            public Builder admittedUnconfirmed(long admittedUnconfirmed) {
                this.admittedUnconfirmed = admittedUnconfirmed;
                return this;
            }

            public Builder pressureTransitions(long pressureTransitions) {
                this.pressureTransitions = pressureTransitions;
                return this;
            }

            public Builder pressureLogsSuppressed(long pressureLogsSuppressed) {
                this.pressureLogsSuppressed = pressureLogsSuppressed;
                return this;
            }

            public Signal build() {
                return new Signal(collectors, confirmedBaseline, unconfirmed, lastCompleteGc, confirmations, lastConfirmationMillis, confirmationAvailable, lastGrowth, admittedUnconfirmed, pressureTransitions, pressureLogsSuppressed);
            }
        }
    }

    @JsonPropertyOrder({"admitted", "rejected", "wouldReject", "inFlight", "reservedBytes", "leaks", "internalErrors"})
    public record Totals(long admitted, long rejected, long wouldReject, long inFlight, long reservedBytes, long leaks,
                         long internalErrors) {

        /** Named fields, so two figures of the same type cannot be swapped unnoticed. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private long admitted;
            private long rejected;
            private long wouldReject;
            private long inFlight;
            private long reservedBytes;
            private long leaks;
            private long internalErrors;

            private Builder() {
            }

            public Builder admitted(long admitted) {
                this.admitted = admitted;
                return this;
            }

            public Builder rejected(long rejected) {
                this.rejected = rejected;
                return this;
            }

            public Builder wouldReject(long wouldReject) {
                this.wouldReject = wouldReject;
                return this;
            }

            public Builder inFlight(long inFlight) {
                this.inFlight = inFlight;
                return this;
            }

            public Builder reservedBytes(long reservedBytes) {
                this.reservedBytes = reservedBytes;
                return this;
            }

            public Builder leaks(long leaks) {
                this.leaks = leaks;
                return this;
            }

            public Builder internalErrors(long internalErrors) {
                this.internalErrors = internalErrors;
                return this;
            }

            public Totals build() {
                return new Totals(admitted, rejected, wouldReject, inFlight, reservedBytes, leaks, internalErrors);
            }
        }
    }

    @JsonPropertyOrder({"admitted", "rejected", "wouldReject", "inFlight", "reservedBytes", "peakReservedBytes",
            "estimatedBytes", "allocatedBytes", "allocatedToEstimate"})
    public record Operation(long admitted, Map<String, Long> rejected, Map<String, Long> wouldReject, long inFlight,
                            long reservedBytes, long peakReservedBytes, long estimatedBytes, long allocatedBytes,
                            Ratio allocatedToEstimate) {

        /** Named fields, so two figures of the same type cannot be swapped unnoticed. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private long admitted;
            private Map<String, Long> rejected;
            private Map<String, Long> wouldReject;
            private long inFlight;
            private long reservedBytes;
            private long peakReservedBytes;
            private long estimatedBytes;
            private long allocatedBytes;
            private Ratio allocatedToEstimate;

            private Builder() {
            }

            public Builder admitted(long admitted) {
                this.admitted = admitted;
                return this;
            }

            public Builder rejected(Map<String, Long> rejected) {
                this.rejected = rejected;
                return this;
            }

            public Builder wouldReject(Map<String, Long> wouldReject) {
                this.wouldReject = wouldReject;
                return this;
            }

            public Builder inFlight(long inFlight) {
                this.inFlight = inFlight;
                return this;
            }

            public Builder reservedBytes(long reservedBytes) {
                this.reservedBytes = reservedBytes;
                return this;
            }

            public Builder peakReservedBytes(long peakReservedBytes) {
                this.peakReservedBytes = peakReservedBytes;
                return this;
            }

            public Builder estimatedBytes(long estimatedBytes) {
                this.estimatedBytes = estimatedBytes;
                return this;
            }

            public Builder allocatedBytes(long allocatedBytes) {
                this.allocatedBytes = allocatedBytes;
                return this;
            }

            public Builder allocatedToEstimate(Ratio allocatedToEstimate) {
                this.allocatedToEstimate = allocatedToEstimate;
                return this;
            }

            public Operation build() {
                return new Operation(admitted, rejected, wouldReject, inFlight, reservedBytes, peakReservedBytes, estimatedBytes, allocatedBytes, allocatedToEstimate);
            }
        }
    }

    /** Allocated bytes divided by the estimate, per call. */
    @JsonPropertyOrder({"count", "p50", "p90", "p99", "max"})
    public record Ratio(long count, double p50, double p90, double p99, double max) {
    }

    @JsonPropertyOrder({"runs", "lastRun", "bytesFreed", "liveHeapDrop", "hookFailures", "gcRequests", "hooks"})
    public record Cleanup(long runs, String lastRun, long bytesFreed, long liveHeapDrop, long hookFailures,
                          long gcRequests, int hooks) {

        /** Named fields, so two figures of the same type cannot be swapped unnoticed. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private long runs;
            private String lastRun;
            private long bytesFreed;
            private long liveHeapDrop;
            private long hookFailures;
            private long gcRequests;
            private int hooks;

            private Builder() {
            }

            public Builder runs(long runs) {
                this.runs = runs;
                return this;
            }

            public Builder lastRun(String lastRun) {
                this.lastRun = lastRun;
                return this;
            }

            public Builder bytesFreed(long bytesFreed) {
                this.bytesFreed = bytesFreed;
                return this;
            }

            public Builder liveHeapDrop(long liveHeapDrop) {
                this.liveHeapDrop = liveHeapDrop;
                return this;
            }

            public Builder hookFailures(long hookFailures) {
                this.hookFailures = hookFailures;
                return this;
            }

            public Builder gcRequests(long gcRequests) {
                this.gcRequests = gcRequests;
                return this;
            }

            public Builder hooks(int hooks) {
                this.hooks = hooks;
                return this;
            }

            public Cleanup build() {
                return new Cleanup(runs, lastRun, bytesFreed, liveHeapDrop, hookFailures, gcRequests, hooks);
            }
        }
    }
}
