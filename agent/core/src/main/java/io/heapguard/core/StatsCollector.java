package io.heapguard.core;

import io.heapguard.MemoryGuardException.Reason;
import io.heapguard.core.stats.StatsSnapshot;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Reads the guard's counters into a {@link StatsSnapshot}. Off the hot path; allocates freely. */
final class StatsCollector {

    private static final long PID = ProcessHandle.current().pid();

    private final GuardConfig config;
    private final Ceilings ceilings;
    private final Budget budget;
    private final CleanupCoordinator cleanup;
    private final LeakTracker leaks;

    StatsCollector(GuardConfig config, Ceilings ceilings, Budget budget, CleanupCoordinator cleanup, LeakTracker leaks) {
        this.config = config;
        this.ceilings = ceilings;
        this.budget = budget;
        this.cleanup = cleanup;
        this.leaks = leaks;
    }

    StatsSnapshot collect(Collection<OperationHandle> handles, Pressure pressure, MemorySample sample,
                          long internalErrors, long wouldReject, StatsSnapshot.Signal signal) {
        Map<String, StatsSnapshot.Operation> ops = new TreeMap<>();
        long admitted = 0;
        long rejected = 0;
        long inFlight = 0;
        for (OperationHandle op : handles) {
            StatsSnapshot.Operation o = operation(op);
            ops.put(op.name(), o);
            admitted += o.admitted();
            rejected += o.rejected().values().stream().mapToLong(Long::longValue).sum();
            inFlight += o.inFlight();
        }
        long reserved = budget.reservedBytes();
        StatsSnapshot.Memory memory = StatsSnapshot.Memory.builder()
                .heapUsed(sample.heapUsedBytes()).heapMax(sample.heapMaxBytes())
                .liveAfterGc(budget.liveAfterGcBytes()).reservedAtLastGc(budget.reservedAtLastGcBytes())
                .baseline(budget.baselineBytes()).reservedBytes(reserved)
                .systemTotal(sample.systemTotalBytes()).systemAvailable(sample.systemAvailableBytes())
                .processRss(sample.processRssBytes()).lastGc(instant(budget.lastGcMillis()))
                .build();
        StatsSnapshot.Totals totals = StatsSnapshot.Totals.builder()
                .admitted(admitted).rejected(rejected).wouldReject(wouldReject).inFlight(inFlight)
                .reservedBytes(reserved).leaks(leaks.leaks()).internalErrors(internalErrors)
                .build();
        StatsSnapshot.Cleanup cleanupStats = StatsSnapshot.Cleanup.builder()
                .runs(cleanup.runs()).lastRun(instant(cleanup.lastRunMillis())).bytesFreed(cleanup.bytesFreed())
                .liveHeapDrop(cleanup.liveHeapDropBytes()).hookFailures(cleanup.hookFailures())
                .gcRequests(cleanup.gcRequests()).hooks(cleanup.hookCount())
                .build();
        return new StatsSnapshot(StatsSnapshot.SCHEMA, Instant.now().toString(), PID, config.mode().text(),
                pressure.name(), limits(), memory, signal, totals, ops, cleanupStats);
    }

    /** How the live heap figure is made: the signal, its confirmations, the pressure transitions. */
    StatsSnapshot.Signal signal(MemorySignal signal, LiveHeapConfirmer confirmer, PressureTracker pressure,
                                long admittedUnconfirmed) {
        return StatsSnapshot.Signal.builder()
                .collectors(signal.collectors()).confirmedBaseline(budget.confirmedBaselineBytes())
                .unconfirmed(budget.unconfirmedBytes()).lastCompleteGc(instant(budget.lastCompleteGcMillis()))
                .confirmations(confirmer.confirmations()).lastConfirmationMillis(confirmer.lastDurationMillis())
                .confirmationAvailable(confirmer.available()).lastGrowth(budget.lastGrowth().name())
                .admittedUnconfirmed(admittedUnconfirmed)
                .pressureTransitions(pressure.transitions()).pressureLogsSuppressed(pressure.suppressedLogs())
                .build();
    }

    private StatsSnapshot.Operation operation(OperationHandle op) {
        Map<String, Long> rejected = new LinkedHashMap<>();
        Map<String, Long> would = new LinkedHashMap<>();
        for (Reason reason : Reason.values()) {
            rejected.put(reason.name(), op.rejected(reason));
            would.put(reason.name(), op.wouldReject(reason));
        }
        OperationHandle.RatioSummary r = op.ratioSummary();
        return StatsSnapshot.Operation.builder()
                .admitted(op.admitted()).rejected(rejected).wouldReject(would).inFlight(op.inFlight())
                .reservedBytes(op.reservedBytes()).peakReservedBytes(op.peakReservedBytes())
                .estimatedBytes(op.estimatedBytes()).allocatedBytes(op.allocatedBytes())
                .allocatedToEstimate(new StatsSnapshot.Ratio(r.count(), r.p50(), r.p90(), r.p99(), r.max()))
                .build();
    }

    private StatsSnapshot.Limits limits() {
        Map<String, StatsSnapshot.OperationLimits> ops = new TreeMap<>();
        config.operations().forEach((name, l) -> ops.put(name, new StatsSnapshot.OperationLimits(
                l.maxPerCallBytes() > 0 ? l.maxPerCallBytes() : null,
                l.maxInFlightBytes() > 0 ? l.maxInFlightBytes() : null,
                l.maxConcurrent() > 0 ? l.maxConcurrent() : null,
                l.defaultEstimateBytes() >= 0 ? l.defaultEstimateBytes() : null)));
        return StatsSnapshot.Limits.builder()
                .maxHeap(config.maxHeapBytes()).maxPerCall(config.maxPerCallBytes())
                .warningThreshold(config.warningThreshold()).criticalThreshold(config.criticalThreshold())
                .cleanupThreshold(config.cleanupThreshold())
                .warningBytes(ceilings.warningBytes).criticalBytes(ceilings.criticalBytes)
                .cleanupBytes(ceilings.cleanupBytes)
                .cleanupIntervalMillis(config.cleanupInterval().toMillis())
                .cleanupWaitMillis(config.cleanupWait().toMillis()).leakAgeMillis(config.leakAge().toMillis())
                .defaultEstimate(config.defaultEstimateBytes()).failOpen(config.failOpen()).operations(ops)
                .build();
    }

    private static String instant(long epochMillis) {
        return epochMillis < 0 ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}
