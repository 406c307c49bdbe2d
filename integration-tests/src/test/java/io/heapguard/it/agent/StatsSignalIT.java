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

import io.heapguard.it.agent.app.CommandApp;
import io.heapguard.it.support.ForkedJvm;
import io.heapguard.it.support.Jdk;

/** {@code kill -USR1 <pid>} writes the stats file, and its totals are what the program did. */
class StatsSignalIT {

    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(60);
    private static final int SMALL_CALLS = 3;
    private static final int LARGE_CALLS = 2;

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void usr1_writesStatsFile_withTheCallsTheProgramMade(Jdk jdk) throws Exception {
        String name = "signal-" + jdk.name().toLowerCase();
        Path statsFile = StatsFile.fresh(name);

        try (CommandSession session = new CommandSession(ForkedJvm.on(jdk)
                .withAgent("maxPerCall=64m,statsFile=" + statsFile)
                .heap("256m")
                .classPath(ForkedJvm.testClassPath())
                .mainClass(CommandApp.class.getName())
                .start(name))) {
            session.awaitReady();
            for (int i = 0; i < SMALL_CALLS; i++) {
                session.send("small");
            }
            for (int i = 0; i < LARGE_CALLS; i++) {
                session.send("large");
            }

            Process kill = new ProcessBuilder("kill", "-USR1", String.valueOf(session.running().pid()))
                    .redirectErrorStream(true).start();
            assertThat(kill.waitFor()).as("kill -USR1").isZero();

            await().atMost(SIGNAL_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .alias("stats file " + statsFile + " written (stderr: " + session.running().stderr() + ")")
                    .until(() -> Files.isRegularFile(statsFile) && totalsIn(statsFile) != null);
            String totals = totalsIn(statsFile);
            // the warm-up call in CommandApp.main ran guarded too: one more admitted call
            assertThat(field(totals, "admitted")).as(totals).isEqualTo(SMALL_CALLS + 1);
            assertThat(field(totals, "rejected")).as(totals).isEqualTo(LARGE_CALLS);
            assertThat(field(totals, "inFlight")).as(totals).isZero();
            assertThat(session.running().process().isAlive()).as("the signal does not stop the JVM").isTrue();
        }
    }
}
