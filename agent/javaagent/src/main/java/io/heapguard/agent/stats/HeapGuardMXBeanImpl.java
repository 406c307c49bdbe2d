package io.heapguard.agent.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;

import io.heapguard.agent.config.AgentSettings;
import io.heapguard.core.HeapGuard;
import io.heapguard.core.stats.StatsSnapshot;

/**
 * Reads every attribute from the core when asked; keeps no state of its own. Counters come from the
 * typed snapshot: only {@code StatsJson} and {@code dumpStats} pay for the JSON text.
 */
final class HeapGuardMXBeanImpl implements HeapGuardMXBean {

    private final HeapGuard guard;
    private final StatsFileWriter writer;
    private final Supplier<byte[]> document;

    /** @param document what {@code dumpStats} writes: the core's document plus the agent's members */
    HeapGuardMXBeanImpl(HeapGuard guard, StatsFileWriter writer, Supplier<byte[]> document) {
        this.guard = guard;
        this.writer = writer;
        this.document = document;
    }

    private StatsSnapshot.Totals totals() {
        return guard.snapshot().totals();
    }

    @Override
    public String getPressure() {
        return guard.pressure().name();
    }

    @Override
    public long getAdmitted() {
        return totals().admitted();
    }

    @Override
    public long getRejected() {
        StatsSnapshot.Totals totals = totals();
        return totals.rejected() + totals.wouldReject(); // as GuardStats.rejected: in monitor mode, would-be rejections
    }

    @Override
    public long getInFlight() {
        return totals().inFlight();
    }

    @Override
    public long getReservedBytes() {
        return totals().reservedBytes();
    }

    @Override
    public long getLeaks() {
        return totals().leaks();
    }

    @Override
    public long getInternalErrors() {
        return totals().internalErrors();
    }

    @Override
    public long getLiveHeapAfterGc() {
        return guard.snapshot().memory().liveAfterGc();
    }

    @Override
    public long getBudget() {
        return guard.config().maxHeapBytes();
    }

    @Override
    public String getStatsJson() {
        return new String(guard.statsJson(), StandardCharsets.UTF_8);
    }

    @Override
    public String dumpStats() throws IOException {
        Path written = writer.write(document.get());
        return written == null ? AgentSettings.STATS_TO_STDERR : written.toString();
    }
}
