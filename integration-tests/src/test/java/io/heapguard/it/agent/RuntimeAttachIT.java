package io.heapguard.it.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.heapguard.it.agent.app.CommandApp;
import io.heapguard.it.support.ForkedJvm;
import io.heapguard.it.support.Jdk;

/**
 * {@code java -jar heapguard-agent.jar attach <pid>} into a JVM started without the agent: the
 * already-loaded annotated class is retransformed and its calls are guarded from then on.
 */
class RuntimeAttachIT {

    private static final Duration ATTACH_TIMEOUT = Duration.ofMinutes(2);

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void attach_runningJvm_alreadyLoadedClassGuardedAfterwards(Jdk jdk) throws Exception {
        String name = "attach-" + jdk.name().toLowerCase();
        try (CommandSession session = new CommandSession(ForkedJvm.on(jdk)
                .heap("256m")
                .classPath(ForkedJvm.testClassPath())
                .mainClass(CommandApp.class.getName())
                .start(name))) {
            session.awaitReady();
            AppOutput before = session.send("large");
            assertThat(before.result(session.scenarioOfLast("large")))
                    .as("without the agent nothing is guarded").containsEntry("outcome", "admitted");

            ForkedJvm.Result attach = ForkedJvm.on(jdk)
                    .jar(ForkedJvm.agentJar())
                    .args("attach", String.valueOf(session.running().pid()), "maxPerCall=64m")
                    .run(name + "-command", ATTACH_TIMEOUT);
            assertThat(attach.exitCode()).as(attach.describe()).isZero();
            assertThat(attach.stdout()).contains("agent loaded into JVM " + session.running().pid());
            session.awaitOutputOnStderr("woven 1 already-loaded class");

            AppOutput after = session.send("large");
            assertThat(after.result(session.scenarioOfLast("large")))
                    .containsEntry("outcome", "rejected")
                    .containsEntry("reason", "ALLOCATION_TOO_LARGE")
                    .containsEntry("operation", "command")
                    .containsEntry("bodyRan", "false");
            AppOutput small = session.send("small");
            assertThat(small.result(session.scenarioOfLast("small"))).containsEntry("outcome", "admitted");
            AppOutput stats = session.send("stats");
            assertThat(stats.result(session.scenarioOfLast("stats")))
                    .containsEntry("active", "true").containsEntry("admitted", "1").containsEntry("rejected", "1");
        }
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void attachCommand_badPid_explainsAndFails(Jdk jdk) throws Exception {
        ForkedJvm.Result result = ForkedJvm.on(jdk)
                .jar(ForkedJvm.agentJar())
                .args("attach", "not-a-pid")
                .run("attach-bad-pid-" + jdk.name().toLowerCase(), ATTACH_TIMEOUT);

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.stderr()).contains("pid must be a process id").contains("'not-a-pid'");
    }
}
