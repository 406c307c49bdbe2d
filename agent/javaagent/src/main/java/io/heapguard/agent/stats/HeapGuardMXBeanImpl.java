package io.heapguard.agent.stats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

import io.heapguard.GuardStats;
import io.heapguard.agent.config.AgentSettings;
import io.heapguard.core.HeapGuard;

/** Reads every attribute from the core when asked; keeps no state of its own. */
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

    private GuardStats stats() {
        return guard.stats();
    }

    @Override
    public String getPressure() {
        return stats().pressure();
    }

    @Override
    public long getAdmitted() {
        return stats().admitted();
    }

    @Override
    public long getRejected() {
        return stats().rejected();
    }

    @Override
    public long getInFlight() {
        return stats().inFlight();
    }

    @Override
    public long getReservedBytes() {
        return stats().reservedBytes();
    }

    @Override
    public long getLeaks() {
        return stats().leaks();
    }

    @Override
    public long getInternalErrors() {
        return stats().internalErrors();
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
        return stats().json();
    }

    @Override
    public String dumpStats() throws IOException {
        Path written = writer.write(document.get());
        return written == null ? AgentSettings.STATS_TO_STDERR : written.toString();
    }
}
