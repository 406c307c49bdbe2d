package io.heapguard.it.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.heapguard.it.agent.targetapp.TargetApp;
import io.heapguard.it.support.ForkedJvm;
import io.heapguard.it.support.Jdk;

/**
 * Configured targets on a program with no heapguard dependency ({@link TargetApp}, run from the test
 * classes alone): admitted, rejected before the body runs, released when the body throws, an interface
 * target guarding an implementation loaded later from a child loader and counting a JDK proxy's call once,
 * JDK methods ({@code Base64$Decoder#decode(String)}, and {@code String#repeat(int)}, loaded before the agent
 * starts and so retransformed at start-up), the SIGUSR1 stats, and a target that matches
 * nothing reported. One JVM per JDK runs all of it, to keep the suite short.
 */
class ConfiguredTargetsIT {

    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ATTACH_TIMEOUT = Duration.ofMinutes(2);
    private static final String APP = TargetApp.class.getName();

    /** The fixed JSON form; the Base64 target comes in the compact form through the agent arguments. */
    private static final String CONFIG = """
            {
              "maxPerCall": "64m",
              "targets": {
                "buffers": { "class": "%1$s$Buffers", "method": "allocate", "parameters": "long", "estimate": "bytes" },
                "failing": { "class": "%1$s$Buffers", "method": "fail", "bytes": 1024 },
                "search": { "class": "%1$s$Searcher", "subtypes": true, "method": "search",
                            "parameters": "String,int", "estimate": "$1 * 1KB" },
                "never": { "class": "com.example.Missing", "method": "nothing", "bytes": 1 }
              }
            }
            """.formatted(APP);
    /** Two JDK targets in the compact list form: one loaded on first use, one (String) before premain. */
    private static final String COMPACT_JDK_TARGETS =
            "targets=b64=java.util.Base64$Decoder#decode(java.lang.String)|estimate=max(len($0), 1) * 1KB;"
                    + "repeat=java.lang.String#repeat(int)|estimate=$0 * 1KB";

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void targets_noHeapguardDependency_guardedLikeAnnotations(Jdk jdk) throws Exception {
        String name = "targets-" + jdk.name().toLowerCase();
        Path workDir = Files.createDirectories(Path.of(System.getProperty("heapguard.it.work", "target/it-work")))
                .toAbsolutePath();
        Path config = Files.writeString(workDir.resolve(name + ".json"), CONFIG);
        Path statsFile = workDir.resolve(name + "-stats.json");
        Files.deleteIfExists(statsFile);

        try (CommandSession session = new CommandSession(ForkedJvm.on(jdk)
                .withAgent("config=" + config + "," + COMPACT_JDK_TARGETS + ",targetCheckDelay=1s,statsFile=" + statsFile)
                .heap("256m")
                // the test classes alone: no heapguard-api on the class path
                .classPath(Path.of("target/test-classes").toAbsolutePath().toString())
                .mainClass(APP)
                .start(name))) {
            session.awaitReady();

            assertThat(result(session, "small")).containsEntry("outcome", "admitted").containsEntry("bodyRan", "true");
            assertThat(result(session, "large")).containsEntry("outcome", "rejected")
                    .containsEntry("exception", "io.heapguard.MemoryGuardException").containsEntry("bodyRan", "false");
            assertThat(result(session, "throw")).containsEntry("outcome", "threw")
                    .containsEntry("exception", "java.lang.IllegalStateException");
            assertThat(result(session, "first")).containsEntry("outcome", "admitted");
            assertThat(result(session, "firstLarge")).containsEntry("outcome", "rejected").containsEntry("bodyRan", "false");
            assertThat(result(session, "proxy")).containsEntry("outcome", "admitted").containsEntry("bodyRuns", "1");
            assertThat(result(session, "late")).as("implementation loaded after start-up, by a child loader")
                    .containsEntry("outcome", "rejected").containsEntry("bodyRan", "false");
            assertThat(result(session, "lateSmall")).containsEntry("outcome", "admitted");
            assertThat(result(session, "b64")).containsEntry("outcome", "admitted");
            assertThat(result(session, "b64Large")).as("a JDK method").containsEntry("outcome", "rejected");
            assertThat(result(session, "repeat")).containsEntry("outcome", "admitted");
            assertThat(result(session, "repeatLarge")).as("a JDK class loaded before premain, retransformed")
                    .containsEntry("outcome", "rejected");
            assertThat(session.running().stderr()).contains("targets: retransformed");

            session.awaitOutputOnStderr("target 'never'");
            JsonNode stats = statsAfterSignal(session, statsFile);

            JsonNode operations = stats.path("operations");
            // the start-up call in TargetApp.main is guarded too
            assertCalls(operations.path("buffers"), 2, 1);
            assertCalls(operations.path("failing"), 1, 0);
            // first, proxy (counted once: the proxy class is not woven) and lateSmall
            assertCalls(operations.path("search"), 3, 2);
            assertThat(operations.path("b64").path("admitted").asLong()).as(operations.toString()).isPositive();
            assertThat(rejected(operations.path("b64"))).isEqualTo(1);
            assertThat(stats.path("totals").path("inFlight").asLong()).as("released, also after the throw").isZero();
            assertThat(stats.path("totals").path("reservedBytes").asLong()).isZero();

            JsonNode targets = stats.path("targets");
            assertThat(targets.path("search").path("matchedMethods").asInt()).as(targets.toString()).isEqualTo(2);
            assertThat(targets.path("search").path("methods").toString())
                    .contains("FirstSearcher#search(java.lang.String, int)").contains("LateSearcher#search");
            assertThat(targets.path("b64").path("matchedMethods").asInt()).isEqualTo(1);
            assertThat(targets.path("repeat").path("methods").toString()).contains("java.lang.String#repeat(int)");
            // the JDK may call String#repeat itself: only the rejection is certainly ours
            assertThat(rejected(operations.path("repeat"))).isEqualTo(1);
            assertThat(targets.path("never").path("matchedMethods").asInt()).isZero();
            assertThat(session.running().stderr()).doesNotContain("cannot weave").doesNotContain("internal error");
        }
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void attach_targetOnAlreadyLoadedClass_guardedFromThenOn(Jdk jdk) throws Exception {
        String name = "targets-attach-" + jdk.name().toLowerCase();
        try (CommandSession session = new CommandSession(ForkedJvm.on(jdk)
                .heap("256m")
                .classPath(Path.of("target/test-classes").toAbsolutePath().toString())
                .mainClass(APP)
                .start(name))) {
            session.awaitReady();
            assertThat(result(session, "large")).as("no agent yet").containsEntry("outcome", "admitted");

            // the compact form as an operator types it: a comma inside parentheses needs no escape
            ForkedJvm.Result attach = ForkedJvm.on(jdk)
                    .jar(ForkedJvm.agentJar())
                    .args("attach", String.valueOf(session.running().pid()),
                            "maxPerCall=64m,targets=buffers=" + APP + "$Buffers#allocate(long)|estimate=max($0, 0)")
                    .run(name + "-command", ATTACH_TIMEOUT);
            assertThat(attach.exitCode()).as(attach.describe()).isZero();
            session.awaitOutputOnStderr("targets: retransformed 1 already-loaded class");

            assertThat(result(session, "large")).containsEntry("outcome", "rejected").containsEntry("bodyRan", "false");
            assertThat(result(session, "small")).containsEntry("outcome", "admitted");
        }
    }

    private static Map<String, String> result(CommandSession session, String command) throws Exception {
        return session.send(command).result(session.scenarioOfLast(command));
    }

    private static void assertCalls(JsonNode operation, long admitted, long rejected) {
        assertThat(operation.path("admitted").asLong()).as(operation.toString()).isEqualTo(admitted);
        assertThat(rejected(operation)).as(operation.toString()).isEqualTo(rejected);
        assertThat(operation.path("inFlight").asLong()).as(operation.toString()).isZero();
    }

    private static long rejected(JsonNode operation) {
        long sum = 0;
        for (JsonNode count : operation.path("rejected")) {
            sum += count.asLong();
        }
        return sum;
    }

    static JsonNode statsAfterSignal(CommandSession session, Path statsFile) throws Exception {
        Process kill = new ProcessBuilder("kill", "-USR1", String.valueOf(session.running().pid()))
                .redirectErrorStream(true).start();
        assertThat(kill.waitFor()).as("kill -USR1").isZero();
        await().atMost(SIGNAL_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .alias("stats file " + statsFile + " written (stderr: " + session.running().stderr() + ")")
                .until(() -> Files.isRegularFile(statsFile));
        return new ObjectMapper().readTree(Files.readString(statsFile, StandardCharsets.UTF_8));
    }
}
