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
        StatsSnapshot.Memory memory = new StatsSnapshot.Memory(sample.heapUsedBytes(), sample.heapMaxBytes(),
                budget.liveAfterGcBytes(), budget.reservedAtLastGcBytes(), budget.baselineBytes(), reserved,
                sample.systemTotalBytes(), sample.systemAvailableBytes(), sample.processRssBytes(),
                instant(budget.lastGcMillis()));
        StatsSnapshot.Totals totals = new StatsSnapshot.Totals(admitted, rejected, wouldReject, inFlight, reserved,
                leaks.leaks(), internalErrors);
        StatsSnapshot.Cleanup cleanupStats = new StatsSnapshot.Cleanup(cleanup.runs(), instant(cleanup.lastRunMillis()),
                cleanup.bytesFreed(), cleanup.liveHeapDropBytes(), cleanup.hookFailures(), cleanup.gcRequests(),
                cleanup.hookCount());
        return new StatsSnapshot(StatsSnapshot.SCHEMA, Instant.now().toString(), PID, config.mode().text(),
                pressure.name(), limits(), memory, signal, totals, ops, cleanupStats);
    }

    private StatsSnapshot.Operation operation(OperationHandle op) {
        Map<String, Long> rejected = new LinkedHashMap<>();
        Map<String, Long> would = new LinkedHashMap<>();
        for (Reason reason : Reason.values()) {
            rejected.put(reason.name(), op.rejected(reason));
            would.put(reason.name(), op.wouldReject(reason));
        }
        OperationHandle.RatioSummary r = op.ratioSummary();
        return new StatsSnapshot.Operation(op.admitted(), rejected, would, op.inFlight(), op.reservedBytes(),
                op.peakReservedBytes(), op.estimatedBytes(), op.allocatedBytes(),
                new StatsSnapshot.Ratio(r.count(), r.p50(), r.p90(), r.p99(), r.max()));
    }

    private StatsSnapshot.Limits limits() {
        Map<String, StatsSnapshot.OperationLimits> ops = new TreeMap<>();
        config.operations().forEach((name, l) -> ops.put(name, new StatsSnapshot.OperationLimits(
                l.maxPerCallBytes() > 0 ? l.maxPerCallBytes() : null,
                l.maxInFlightBytes() > 0 ? l.maxInFlightBytes() : null,
                l.maxConcurrent() > 0 ? l.maxConcurrent() : null,
                l.defaultEstimateBytes() >= 0 ? l.defaultEstimateBytes() : null)));
        return new StatsSnapshot.Limits(config.maxHeapBytes(), config.maxPerCallBytes(), config.warningThreshold(),
                config.criticalThreshold(), config.cleanupThreshold(), ceilings.warningBytes, ceilings.criticalBytes,
                ceilings.cleanupBytes, config.cleanupInterval().toMillis(), config.cleanupWait().toMillis(),
                config.leakAge().toMillis(), config.defaultEstimateBytes(), config.failOpen(), ops);
    }

    private static String instant(long epochMillis) {
        return epochMillis < 0 ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}
