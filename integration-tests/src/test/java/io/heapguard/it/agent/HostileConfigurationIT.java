package io.heapguard.it.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.heapguard.it.agent.app.HostileConfigApp;
import io.heapguard.it.support.ForkedJvm;
import io.heapguard.it.support.Jdk;

/**
 * Hostile configuration in a real JVM: each bad value gives exactly one {@code [heapguard]} line
 * naming the key and the value, no stack trace, and the application runs on (unguarded). The
 * unit-level matrix is HostileConfigurationTest; this checks what an operator actually sees.
 */
class HostileConfigurationIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
    /** The user the not-writable case runs as: not root, so directory permissions apply. */
    private static final String NOBODY = "65534";

    private static ForkedJvm app(String agentOptions) {
        return ForkedJvm.on(Jdk.BUILD)
                .withAgent(agentOptions)
                .heap("64m")
                .classPath(testClasses())
                .mainClass(HostileConfigApp.class.getName());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "maxHeap=99999999999999999999g|maxHeap|99999999999999999999g",
        "maxHeap=-5g|maxHeap|-5g",
        "warningThreshold=NaN|warningThreshold|NaN",
        "warningThreshold=0.9,criticalThreshold=0.8|criticalThreshold|0.8",
        "statsFile=/nonexistent-heapguard-dir/stats.json|statsFile|/nonexistent-heapguard-dir/stats.json",
        "config=/dev/zero|config|/dev/zero",
        "unknownKey=1|unknownKey|unknown key",
    })
    void hostileValue_oneLineNamingKeyAndValue_noStackTrace_appRuns(String options, String key, String value)
            throws Exception {
        ForkedJvm.Result result = app(options).run("hostile-" + key, RUN_TIMEOUT);

        assertOneClearLine(result, key, value);
    }

    @Test
    void statsFileInADirectoryTheProcessCannotWrite_oneLine_appRuns() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv to run as another user");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to switch users");
        Path work = Path.of(System.getProperty("heapguard.it.work", "target/it-work")).toAbsolutePath();
        Path readOnly = Files.createDirectories(work.resolve("root-only-stats"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        String target = readOnly.resolve("stats.json").toString();

        List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups"));
        command.addAll(app("statsFile=" + target).command());
        Files.createDirectories(work);
        Path out = work.resolve("hostile-not-writable.out");
        Path err = work.resolve("hostile-not-writable.err");
        Process process = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        ForkedJvm.Result result = new ForkedJvm.Result(process.exitValue(), false, Files.readString(out),
                Files.readString(err));

        assertOneClearLine(result, "statsFile", target);
        assertThat(result.stderr()).contains("not writable");
    }

    private static void assertOneClearLine(ForkedJvm.Result result, String key, String value) {
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).as(result.describe()).contains("DONE");
        assertThat(result.stderr().lines().filter(line -> line.startsWith("[heapguard] ")))
                .as(result.describe()).singleElement().asString().contains(key).contains(value);
        assertThat(result.stderr()).as("no stack trace; " + result.describe())
                .doesNotContain("\tat ").doesNotContain("    at ").doesNotContain("Exception in");
    }

    /** Only this module's test classes: the not-writable case runs as a user who cannot read ~/.m2. */
    private static String testClasses() {
        for (String entry : ForkedJvm.testClassPath().split(java.io.File.pathSeparator)) {
            if (entry.endsWith("test-classes")) {
                return entry;
            }
        }
        return ForkedJvm.testClassPath();
    }
}
