package io.heapguard.it.agent;

import static io.heapguard.it.agent.StatsFile.field;
import static io.heapguard.it.agent.StatsFile.totalsIn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.heapguard.it.agent.app.OverflowStormApp;
import io.heapguard.it.support.ForkedJvm;
import io.heapguard.it.support.Jdk;

/**
 * A StackOverflowError storm through guarded recursion (issue 10): afterwards nothing is reserved or
 * in flight, {@code MemoryGuard.stats()} answers, and so does {@code kill -USR1}, on JDK 17 and 25.
 */
class OverflowStormIT {

    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STORM_TIMEOUT = Duration.ofMinutes(3);

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void overflowStorm_releasesEverything_statsAndSignalAnswer(Jdk jdk) throws Exception {
        String name = "overflow-storm-" + jdk.name().toLowerCase();
        Path statsFile = StatsFile.fresh(name);

        try (CommandSession session = new CommandSession(ForkedJvm.on(jdk)
                .withAgent("statsFile=" + statsFile)
                .heap("256m")
                .jvmArg("-Xverify:all")
                .classPath(ForkedJvm.testClassPath())
                .mainClass(OverflowStormApp.class.getName())
                .start(name))) {
            await().atMost(STORM_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .alias("READY after the storm (stderr: " + session.running().stderr() + ")")
                    .until(() -> session.running().stdout().contains("READY pid=")
                            || !session.running().process().isAlive());
            AppOutput output = AppOutput.parse(session.running().stdout());
            String describe = session.running().stdout() + "\n--- stderr ---\n" + session.running().stderr();

            assertThat(output.number("storm", "overflows")).as(describe)
                    .isEqualTo(output.number("storm", "expected"));
            assertThat(output.result("storm.after")).as(describe)
                    .containsEntry("statsAnswered", "true")
                    .containsEntry("inFlight", "0")
                    .containsEntry("reservedBytes", "0")
                    .containsEntry("internalErrors", "0");
            assertThat(output.result("storm.normalCall")).as(describe)
                    .containsEntry("outcome", "admitted").containsEntry("bodyRan", "true");

            Process kill = new ProcessBuilder("kill", "-USR1", String.valueOf(session.running().pid()))
                    .redirectErrorStream(true).start();
            assertThat(kill.waitFor()).as("kill -USR1").isZero();
            await().atMost(SIGNAL_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .alias("stats file " + statsFile + " written after the storm (" + describe + ")")
                    .until(() -> Files.isRegularFile(statsFile) && totalsIn(statsFile) != null);
            String totals = totalsIn(statsFile);
            assertThat(field(totals, "inFlight")).as(totals).isZero();
            assertThat(field(totals, "reservedBytes")).as(totals).isZero();
            assertThat(session.running().stderr()).as(describe).doesNotContain("VerifyError");
        }
    }
}
