package io.heapguard.it.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.heapguard.it.agent.app.BootClassPathApp;
import io.heapguard.it.support.ForkedJvm;
import io.heapguard.it.support.Jdk;

/**
 * The agent jar given on {@code -Xbootclasspath/a} as well as to {@code -javaagent}: premain sees its
 * classes on the bootstrap class path already and does not append the jar a second time. The JVM then
 * opens the jar for the boot loader once, the api and dispatcher classes exist once (boot loader), and
 * guarded calls are guarded. The class path is only the test classes, so heapguard-api comes from the jar.
 */
class BootClassPathIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void agentJarAlreadyOnBootClassPath_notAppendedAgain_andGuards(Jdk jdk) throws Exception {
        Path agentJar = ForkedJvm.agentJar();
        ForkedJvm.Result result = ForkedJvm.on(jdk)
                .withAgent("maxPerCall=64m,jmx=false")
                .jvmArg("-Xbootclasspath/a:" + agentJar)
                // the JVM logs each jar it opens for the boot loader ("opened: <path>")
                .jvmArg("-Xlog:class+load=info:stderr")
                .heap("128m")
                .classPath(Path.of("target/test-classes").toAbsolutePath().toString())
                .mainClass(BootClassPathApp.class.getName())
                .run("boot-class-path-" + jdk.name().toLowerCase(), RUN_TIMEOUT);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).as(result.describe()).contains("DONE");
        AppOutput output = AppOutput.parse(result.stdout());
        assertThat(output.result("api")).containsEntry("bootLoaded", "true").containsEntry("sameAsBoot", "true")
                .containsEntry("dispatcherBootLoaded", "true");
        assertThat(output.result("guarded.small")).containsEntry("outcome", "admitted");
        assertThat(output.result("guarded.large"))
                .containsEntry("outcome", "rejected").containsEntry("reason", "ALLOCATION_TOO_LARGE");
        assertThat(result.stderr().lines().filter(line -> line.endsWith("opened: " + agentJar)))
                .as("boot class path entries for the agent jar").hasSize(1);
        assertThat(result.stderr()).doesNotContain("[heapguard] agent failed to start")
                .doesNotContain("bootstrap classpath has been appended");
    }
}
