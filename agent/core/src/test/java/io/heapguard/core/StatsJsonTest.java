package io.heapguard.core;

import static io.heapguard.core.TestGuards.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapguard.GuardStats;
import io.heapguard.MemoryGuardException;
import io.heapguard.core.stats.StatsJson;
import io.heapguard.core.stats.StatsSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatsJsonTest {

    @RegisterExtension
    final TestGuards guards = new TestGuards();

    @Test
    void statsJson_hasEveryDocumentedField() throws Exception {
        HeapGuard guard = guards.guard(TestGuards.config().operationMaxConcurrent("export", 2));
        OperationHandle search = guard.operation("search");
        long held = guard.acquire(search, 10 * MIB, 0, 0);
        guard.release(search, guard.acquire(search, 4 * MIB, 0, 0), 2 * MIB);
        try {
            guard.acquire(search, 60 * MIB, 0, 0);
        } catch (MemoryGuardException expected) {
            // counted under rejected.ALLOCATION_TOO_LARGE
        }
        guard.onLiveHeapAfterGc(30 * MIB);
        guard.sampleOnce();

        JsonNode json = new ObjectMapper().readTree(guard.statsJson());

        assertThat(json.get("schema").asInt()).isEqualTo(1);
        assertThat(json.get("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(json.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(json.get("mode").asText()).isEqualTo("enforce");
        assertThat(json.get("pressure").asText()).isEqualTo("NORMAL");
        assertThat(fieldNames(json.get("limits"))).contains("maxHeap", "maxPerCall", "warningThreshold",
                "criticalThreshold", "cleanupThreshold", "cleanupIntervalMillis", "cleanupWaitMillis", "leakAgeMillis",
                "defaultEstimate", "failOpen", "operations");
        assertThat(json.at("/limits/maxHeap").asLong()).isEqualTo(100 * MIB);
        assertThat(json.at("/limits/operations/export/maxConcurrent").asInt()).isEqualTo(2);
        assertThat(json.at("/limits/operations/export").has("maxInFlight")).isFalse();
        JsonNode memory = json.get("memory");
        assertThat(fieldNames(memory)).contains("heapUsed", "heapMax", "liveAfterGc", "reservedBytes", "systemTotal",
                "systemAvailable", "processRss");
        assertThat(memory.get("liveAfterGc").asLong()).isEqualTo(30 * MIB);
        assertThat(memory.get("reservedAtLastGc").asLong()).isEqualTo(10 * MIB);
        assertThat(memory.get("baseline").asLong()).isEqualTo(20 * MIB);
        assertThat(memory.get("reservedBytes").asLong()).isEqualTo(10 * MIB);
        assertThat(memory.get("systemTotal").asLong()).isEqualTo(1000);   // from the scripted signal's sample
        assertThat(memory.get("processRss").asLong()).isEqualTo(50);
        JsonNode totals = json.get("totals");
        assertThat(fieldNames(totals)).contains("admitted", "rejected", "inFlight", "reservedBytes", "leaks",
                "internalErrors", "wouldReject");
        assertThat(totals.get("admitted").asLong()).isEqualTo(2);
        assertThat(totals.get("rejected").asLong()).isEqualTo(1);
        assertThat(totals.get("inFlight").asLong()).isEqualTo(1);
        JsonNode op = json.at("/operations/search");
        assertThat(fieldNames(op)).contains("admitted", "rejected", "inFlight", "reservedBytes", "peakReservedBytes",
                "estimatedBytes", "allocatedBytes", "allocatedToEstimate");
        assertThat(op.at("/rejected/ALLOCATION_TOO_LARGE").asLong()).isEqualTo(1);
        assertThat(op.at("/rejected/INSUFFICIENT_MEMORY").asLong()).isZero();
        assertThat(op.get("peakReservedBytes").asLong()).isEqualTo(14 * MIB);
        assertThat(op.get("estimatedBytes").asLong()).isEqualTo(14 * MIB);
        assertThat(op.get("allocatedBytes").asLong()).isEqualTo(2 * MIB);
        assertThat(fieldNames(op.get("allocatedToEstimate"))).contains("p50", "p90", "p99", "max", "count");
        assertThat(op.at("/allocatedToEstimate/p50").asDouble()).isBetween(0.49, 0.51);
        assertThat(fieldNames(json.get("cleanup"))).contains("runs", "lastRun", "bytesFreed");
        guard.release(search, held, -1);
    }

    @Test
    void stats_totalsMatchSnapshot_andJsonRoundTrips() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("search");
        long reserved = guard.acquire(op, MIB, 0, 0);

        GuardStats stats = guard.stats();
        StatsSnapshot parsed = StatsJson.parse(stats.json().getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(stats.active()).isTrue();
        assertThat(stats.pressure()).isEqualTo("NORMAL");
        assertThat(stats.admitted()).isEqualTo(1);
        assertThat(stats.inFlight()).isEqualTo(1);
        assertThat(stats.reservedBytes()).isEqualTo(MIB);
        assertThat(parsed.totals().reservedBytes()).isEqualTo(MIB);
        assertThat(parsed.operations().get("search").admitted()).isEqualTo(1);
        assertThat(parsed.schema()).isEqualTo(StatsSnapshot.SCHEMA);
        guard.release(op, reserved, -1);
    }

    @Test
    void statsJson_beforeAnyGc_reportsUnknownAsMinusOne() throws Exception {
        HeapGuard guard = guards.guard(TestGuards.config());

        JsonNode json = new ObjectMapper().readTree(guard.statsJson());

        assertThat(json.at("/memory/liveAfterGc").asLong()).isEqualTo(-1);
        assertThat(json.at("/memory/lastGc").isNull()).isTrue();
        assertThat(json.at("/cleanup/lastRun").isNull()).isTrue();
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
