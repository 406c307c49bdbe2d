package io.heapguard.it.agent;

import static io.heapguard.it.agent.StatsFile.field;
import static io.heapguard.it.agent.StatsFile.totalsIn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.heapguard.it.agent.app.chaos.ChaosApp;
import io.heapguard.it.agent.app.chaos.ChaosCalls;
import io.heapguard.it.support.ForkedJvm;
import io.heapguard.it.support.Jdk;

/**
 * Issue 15's chaos run, in a forked JVM with the agent and the core's fault injection on: guarded
 * calls that throw, wait and are interrupted, return futures completed late, exceptionally or never,
 * fall back to fallbacks that throw, with pressure hooks that throw or hang. Afterwards nothing is
 * reserved except the never-completed futures, which the leak detector reports and reclaims; every
 * call was admitted or rejected exactly once; the JVM is alive and still guarding; its output and
 * stats carry no argument values.
 *
 * <p>The seed is random and printed; replay one with {@code -Dchaos.seed=<seed>}
 * ({@code ./mvnw -B -o verify -pl integration-tests -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=ChaosIT -Dchaos.seed=42}; several: {@code -Dchaos.seeds=1,2,3,4,5}).
 */
class ChaosIT {

    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 1000;
    private static final int AFTERWARDS_CALLS = 20;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(60);
    private static final String OPTIONS = String.join(",",
            "leakAge=5s", // far above the latest late completion (300 ms), so only never-completed ones leak
            "fault.rejectProbability=0.05", "fault.errorProbability=0.05",
            "maxHeap=64m", "maxPerCall=16m",
            "warningThreshold=0.3", "criticalThreshold=0.35", "cleanupThreshold=0.4",
            "cleanupInterval=200ms", "cleanupWait=50ms",
            "operations.chaos-wait.maxConcurrent=2");

    /** {@code -Dchaos.seeds=1,2,3} runs those seeds; {@code -Dchaos.seed=1} one; by default one random seed. */
    static LongStream seeds() {
        String seeds = System.getProperty("chaos.seeds", System.getProperty("chaos.seed"));
        if (seeds == null || seeds.isBlank()) {
            return LongStream.of(ThreadLocalRandom.current().nextLong());
        }
        return Arrays.stream(seeds.split(",")).map(String::strip).mapToLong(Long::parseLong);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void chaos_everyCallDecidedOnce_onlyNeverCompletedLeak_andTheyAreReclaimed_jvmStillGuards(long seed)
            throws Exception {
        System.out.println("ChaosIT seed=" + seed + " (replay: -Dchaos.seed=" + seed + ")");
        String name = "chaos-" + Long.toUnsignedString(seed, 36);
        Path statsFile = StatsFile.fresh(name);

        try (CommandSession session = new CommandSession(ForkedJvm.on(Jdk.BUILD)
                .withAgent("statsFile=" + statsFile + "," + OPTIONS)
                .heap("256m")
                .classPath(ForkedJvm.testClassPath())
                .mainClass(ChaosApp.class.getName())
                .args(Long.toString(seed), Integer.toString(THREADS), Integer.toString(CALLS_PER_THREAD))
                .start(name))) {
            await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .alias("READY after the chaos run, seed " + seed + " (stderr: " + session.running().stderr() + ")")
                    .until(() -> session.running().stdout().contains("READY pid=")
                            || !session.running().process().isAlive());
            String describe = "seed " + seed + "\n" + session.running().stdout() + "\n--- stderr ---\n"
                    + session.running().stderr();
            assertThat(session.running().process().isAlive()).as(describe).isTrue();
            AppOutput output = AppOutput.parse(session.running().stdout());

            Map<String, String> end = output.result("chaos.end");
            long calls = output.number("chaos.end", "calls");
            assertThat(calls).as(describe).isEqualTo((long) THREADS * CALLS_PER_THREAD);
            assertThat(output.number("chaos.end", "admitted") + output.number("chaos.end", "rejected"))
                    .as("admitted + rejected = calls; " + describe).isEqualTo(calls);
            assertThat(output.number("chaos.end", "internalErrors")).as("injected faults were counted; " + describe)
                    .isPositive();
            assertThat(output.number("chaos.end", "interrupts") + output.number("chaos.end", "failures"))
                    .as("the chaos happened; " + describe).isPositive();
            assertThat(end).as(describe).containsEntry("secretsInMessages", "0");

            long never = output.number("chaos.end", "never");
            assertThat(output.result("chaos.reclaimed")).as("only the never-completed futures were held; " + describe)
                    .containsEntry("inFlight", "0").containsEntry("reservedBytes", "0");
            long leaks = output.number("chaos.reclaimed", "leaks");
            // a never-completed future whose call failed open (injected internal error) reserved nothing
            assertThat(leaks).as("leaks reported for the never-completed futures; " + describe)
                    .isLessThanOrEqualTo(never)
                    .isGreaterThanOrEqualTo(never - output.number("chaos.end", "internalErrors"))
                    .isPositive();

            assertThat(output.number("chaos.after", "smallAdmitted")).as(describe).isGreaterThanOrEqualTo(AFTERWARDS_CALLS / 2);
            assertThat(output.number("chaos.after", "tooLargeRejected")).as(describe).isGreaterThanOrEqualTo(AFTERWARDS_CALLS / 2);
            long allCalls = calls + 2L * AFTERWARDS_CALLS;
            assertThat(output.number("chaos.after", "admitted") + output.number("chaos.after", "rejected"))
                    .as(describe).isEqualTo(allCalls);

            Process kill = new ProcessBuilder("kill", "-USR1", String.valueOf(session.running().pid()))
                    .redirectErrorStream(true).start();
            assertThat(kill.waitFor()).as("kill -USR1").isZero();
            await().atMost(SIGNAL_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .alias("stats file " + statsFile + " after the chaos run, seed " + seed)
                    .until(() -> Files.isRegularFile(statsFile) && totalsIn(statsFile) != null);
            String totals = totalsIn(statsFile);
            assertThat(field(totals, "admitted") + field(totals, "rejected")).as(totals).isEqualTo(allCalls);
            assertThat(field(totals, "inFlight")).as(totals).isZero();
            assertThat(field(totals, "reservedBytes")).as(totals).isZero();
            assertThat(field(totals, "leaks")).as(totals).isEqualTo(leaks);
            assertThat(Files.readString(statsFile, StandardCharsets.UTF_8)).doesNotContain(ChaosCalls.SECRET);

            String stderr = session.running().stderr();
            assertThat(stderr).as("no argument value in the agent's log; " + describe).doesNotContain(ChaosCalls.SECRET);
            assertThat(stderr).as(describe).doesNotContain("Exception in thread");
            assertThat(stderr.lines().filter(line -> line.contains("internal error in acquire")))
                    .as("an internal error is logged once, then only counted; " + describe).hasSizeLessThanOrEqualTo(1);
            assertThat(session.running().process().isAlive()).as(describe).isTrue();
        }
    }
}
