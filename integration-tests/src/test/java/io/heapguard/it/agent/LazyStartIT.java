package io.heapguard.it.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.heapguard.it.agent.app.PlainApp;
import io.heapguard.it.support.ForkedJvm;
import io.heapguard.it.support.Jdk;

/**
 * What {@code premain} leaves for later: in an application without the heapguard annotations the
 * guard core does not start until something asks for it, the MXBean appears only after
 * {@code jmxDelay}, and {@code kill -USR1} still works (it starts the core).
 */
class LazyStartIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Far longer than the first checks take, even on a loaded machine: they must run before it. */
    private static final String JMX_DELAY = "15s";
    /** The core's sampler thread: it exists once the guard core has started. */
    private static final String CORE_THREAD = "heapguard-sampler";

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void noAnnotations_coreStartsOnlyWhenAsked_andMXBeanAfterDelay(Jdk jdk) throws Exception {
        String name = "lazy-" + jdk.name().toLowerCase();
        Path workDir = Files.createDirectories(Path.of("target/it-work")).toAbsolutePath();
        Path statsFile = workDir.resolve(name + "-stats.json");
        Files.deleteIfExists(statsFile);

        try (CommandSession session = new CommandSession(ForkedJvm.on(jdk)
                .withAgent("statsFile=" + statsFile + ",jmxDelay=" + JMX_DELAY)
                .heap("128m")
                // test classes only: no heapguard-api, so nothing warms the weaver up
                .classPath(Path.of("target/test-classes").toAbsolutePath().toString())
                .mainClass(PlainApp.class.getName())
                .start(name))) {
            session.awaitReady();
            // the start-up thread has had time to look at the class path and give up
            Thread.sleep(1000);
            assertThat(session.send("threads").result(session.scenarioOfLast("threads")).get("names"))
                    .doesNotContain(CORE_THREAD);
            assertThat(session.send("mbean").result(session.scenarioOfLast("mbean")).get("registered"))
                    .as("before jmxDelay").isEqualTo("false");

            Process kill = new ProcessBuilder("kill", "-USR1", String.valueOf(session.running().pid()))
                    .redirectErrorStream(true).start();
            assertThat(kill.waitFor()).as("kill -USR1").isZero();
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .alias("stats file " + statsFile + " written (stderr: " + session.running().stderr() + ")")
                    .until(() -> Files.isRegularFile(statsFile) && Files.readString(statsFile).contains("\"totals\""));
            assertThat(session.send("threads").result(session.scenarioOfLast("threads")).get("names"))
                    .as("the dump started the core").contains(CORE_THREAD);

            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .alias("MXBean registered after jmxDelay (stderr: " + session.running().stderr() + ")")
                    .until(() -> "true".equals(session.send("mbean").result(session.scenarioOfLast("mbean")).get("registered")));
            assertThat(session.running().stderr()).doesNotContain("internal error");
        }
    }
}
