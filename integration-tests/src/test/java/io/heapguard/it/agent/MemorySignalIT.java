package io.heapguard.it.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heapguard.it.agent.app.BufferLoadApp;
import io.heapguard.it.support.ForkedJvm;
import io.heapguard.it.support.Jdk;

/**
 * The memory signal on every supported collector, on JDK 17 and 25: a light web-like load (many
 * threads briefly holding multi-MiB buffers, live set far under the budget) is never refused for
 * memory, whether its buffers are humongous on G1 or small enough to be promoted before they die;
 * a real overload still is, and never runs out of memory. Pressure changes stay few.
 */
class MemorySignalIT {

    private static final String HEAP = "256m";
    /** 4 MiB: at least half a G1 region at this heap size (1 MiB regions), so humongous. */
    private static final long BUFFER_BYTES = 4L << 20;
    private static final int THREADS = 8;
    private static final int REQUESTS = 100;
    private static final long HOLD_MILLIS = 20;
    /** The overload: 32 threads each holding 16 MiB, twice the budget. */
    private static final int OVERLOAD_THREADS = 32;
    private static final int OVERLOAD_REQUESTS = 10;
    private static final long OVERLOAD_BUFFER_BYTES = 16L << 20;
    private static final long OVERLOAD_HOLD_MILLIS = 200;
    /** "A handful": enough for one rise and fall at start-up, not a flapping level. */
    private static final long MAX_PRESSURE_TRANSITIONS = 4;
    /** A safety net for a hung child, not a timing assertion. */
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Collector {
        G1("-XX:+UseG1GC"), PARALLEL("-XX:+UseParallelGC"), SERIAL("-XX:+UseSerialGC"), Z("-XX:+UseZGC");

        final String flag;

        Collector(String flag) {
            this.flag = flag;
        }
    }

    static List<Arguments> everyCollectorOnEveryJdk() {
        List<Arguments> cases = new ArrayList<>();
        for (Jdk jdk : Jdk.values()) {
            for (Collector collector : Collector.values()) {
                cases.add(Arguments.of(jdk, collector));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyCollectorOnEveryJdk")
    void lightLoad_humongousBuffers_isNeverRefusedForMemory(Jdk jdk, Collector collector) throws Exception {
        Run run = run(jdk, collector, "humongous", "maxPerCall=8m", THREADS, REQUESTS, BUFFER_BYTES, HOLD_MILLIS, "array");

        run.assertServedInFull(THREADS * REQUESTS);
        run.assertFewPressureChanges();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyCollectorOnEveryJdk")
    void lightLoad_promotedBeforeTheyDie_isNeverRefusedForMemory(Jdk jdk, Collector collector) throws Exception {
        Run run = run(jdk, collector, "promoted", "maxPerCall=8m", THREADS, REQUESTS, BUFFER_BYTES, HOLD_MILLIS, "chunks");

        run.assertServedInFull(THREADS * REQUESTS);
        run.assertFewPressureChanges();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyCollectorOnEveryJdk")
    void realOverload_isRefused_andNeverRunsOutOfMemory(Jdk jdk, Collector collector) throws Exception {
        Run run = run(jdk, collector, "overload", "maxPerCall=32m", OVERLOAD_THREADS, OVERLOAD_REQUESTS,
                OVERLOAD_BUFFER_BYTES, OVERLOAD_HOLD_MILLIS, "array");

        assertThat(run.output.number("load", "oom")).as(run.describe()).isZero();
        assertThat(run.output.number("load", "refused")).as(run.describe()).isPositive();
        assertThat(run.output.number("load", "served")).as(run.describe()).isPositive();
        run.assertFewPressureChanges();
    }

    private static Run run(Jdk jdk, Collector collector, String scenario, String agentOptions, int threads,
                           int requests, long bufferBytes, long holdMillis, String shape) throws Exception {
        String name = "signal-" + scenario + "-" + jdk.name().toLowerCase() + "-" + collector.name().toLowerCase();
        ForkedJvm.Result result = ForkedJvm.on(jdk)
                .withAgent(agentOptions)
                .heap(HEAP)
                .jvmArg(collector.flag)
                .classPath(ForkedJvm.testClassPath())
                .mainClass(BufferLoadApp.class.getName())
                .args(String.valueOf(threads), String.valueOf(requests), String.valueOf(bufferBytes),
                        String.valueOf(holdMillis), shape, "0")
                .run(name, CHILD_TIMEOUT);
        assertThat(result.timedOut()).as(result.describe()).isFalse();
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.diedOfOutOfMemory()).as(result.describe()).isFalse();
        JsonNode stats = stats(result);
        assertThat(stats.path("signal").path("lastGrowth").asText()).as("the guard's last judgement of growth")
                .isIn("NONE", "GARBAGE", "UNPROVEN", "REAL");
        return new Run(result, AppOutput.parse(result.stdout()), stats);
    }

    private static JsonNode stats(ForkedJvm.Result result) throws Exception {
        Optional<String> line = result.stdout().lines().filter(l -> l.startsWith("STATS ")).findFirst();
        assertThat(line).as(result.describe()).isPresent();
        return JSON.readTree(line.get().substring("STATS ".length()));
    }

    private record Run(ForkedJvm.Result result, AppOutput output, JsonNode stats) {

        void assertServedInFull(long calls) {
            assertThat(output.number("load", "refused")).as("refused calls; %s", describe()).isZero();
            assertThat(output.number("load", "served")).as(describe()).isEqualTo(calls);
        }

        void assertFewPressureChanges() {
            long transitions = stats.path("signal").path("pressureTransitions").asLong(-1);
            assertThat(transitions).as("pressure transitions; %s", describe())
                    .isBetween(0L, MAX_PRESSURE_TRANSITIONS);
            long logged = result.stderr().lines().filter(l -> l.contains("[heapguard] pressure ")).count();
            long suppressed = stats.path("signal").path("pressureLogsSuppressed").asLong();
            assertThat(logged + suppressed).as("every change logged or counted as not logged").isEqualTo(transitions);
        }

        String describe() {
            return "signal: " + stats.path("signal") + "\nmemory: " + stats.path("memory") + "\n" + result.describe();
        }
    }
}
