package io.heapguard.it.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.heapguard.it.agent.app.MisconfiguredApp;
import io.heapguard.it.support.ForkedJvm;
import io.heapguard.it.support.Jdk;

/** Bad annotations, bad configuration and the kill switch: clear messages, the application keeps running. */
class AgentConfigurationIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    private static ForkedJvm misconfiguredApp(Jdk jdk, String agentOptions) {
        return ForkedJvm.on(jdk)
                .withAgent(agentOptions)
                .heap("256m")
                .classPath(ForkedJvm.testClassPath())
                .mainClass(MisconfiguredApp.class.getName());
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void malformedEstimate_reportedOnceWithClassMethodPosition_appKeepsRunningGuarded(Jdk jdk) throws Exception {
        ForkedJvm.Result result = misconfiguredApp(jdk, "maxPerCall=64m")
                .run("bad-expression-" + jdk.name().toLowerCase(), RUN_TIMEOUT);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).contains("DONE");
        assertThat(result.stderr())
                .containsOnlyOnce("invalid @MemoryAware")
                .contains("class " + MisconfiguredApp.class.getName())
                .contains("malformed(float[], int)")
                .contains("'len(vector) * * 4'")
                .contains("position 14")
                .contains("vector (float[])").contains("topK (int)");
        AppOutput output = AppOutput.parse(result.stdout());
        assertThat(output.result("malformed.call")).containsEntry("outcome", "admitted").containsEntry("value", "3");
        assertThat(output.result("valid.large"))
                .containsEntry("outcome", "rejected").containsEntry("reason", "ALLOCATION_TOO_LARGE");
    }

    @Test
    void malformedEstimate_strict_callsOfThatMethodFail() throws Exception {
        ForkedJvm.Result result = misconfiguredApp(Jdk.BUILD, "maxPerCall=64m,strict=true")
                .run("bad-expression-strict", RUN_TIMEOUT);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stderr()).contains("strict=true").contains("malformed(float[], int)");
        AppOutput output = AppOutput.parse(result.stdout());
        assertThat(output.result("malformed.call"))
                .containsEntry("outcome", "failed").containsEntry("error", "java.lang.IllegalStateException")
                .containsEntry("bodyRan", "false");
        assertThat(output.result("valid.small")).containsEntry("outcome", "admitted");
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void disabled_noTransformationAtAll_byteBuddyNeverLoaded(Jdk jdk) throws Exception {
        Path classLog = Path.of(System.getProperty("heapguard.it.work", "target/it-work"),
                "disabled-classes-" + jdk.name().toLowerCase() + ".log").toAbsolutePath();
        Files.createDirectories(classLog.getParent());
        ForkedJvm.Result result = misconfiguredApp(jdk, "enabled=false")
                .jvmArg("-Xlog:class+load=info:file=" + classLog)
                .run("disabled-" + jdk.name().toLowerCase(), RUN_TIMEOUT);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stderr()).contains("disabled (enabled=false)").doesNotContain("invalid @MemoryAware");
        AppOutput output = AppOutput.parse(result.stdout());
        assertThat(output.result("valid.large")).containsEntry("outcome", "admitted").containsEntry("bodyRan", "true");
        assertThat(output.result("end")).containsEntry("active", "false");
        assertThat(Files.readString(classLog, StandardCharsets.UTF_8))
                .contains(MisconfiguredApp.class.getName())
                .doesNotContain("net.bytebuddy.")
                .doesNotContain("io.heapguard.agent.internal.AnnotationGate");
    }

    @Test
    void invalidConfiguration_oneMessageNamingKeyAndValue_appRunsUnguarded() throws Exception {
        ForkedJvm.Result result = misconfiguredApp(Jdk.BUILD, "maxHeap=lots")
                .run("bad-config", RUN_TIMEOUT);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).contains("DONE");
        assertThat(result.stderr().lines().filter(line -> line.startsWith("[heapguard] ")))
                .singleElement().asString().contains("maxHeap").contains("lots").contains("runs unguarded");
        assertThat(AppOutput.parse(result.stdout()).result("end")).containsEntry("active", "false");
    }

    @Test
    void invalidConfiguration_strict_jvmExitsWithStatus1() throws Exception {
        ForkedJvm.Result result = misconfiguredApp(Jdk.BUILD, "maxHeap=lots,strict=true")
                .run("bad-config-strict", RUN_TIMEOUT);

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stdout()).doesNotContain("DONE");
        assertThat(result.stderr()).contains("maxHeap").contains("lots").contains("strict=true");
    }

    @Test
    void invalidConfiguration_strictWithPrefix_jvmExitsWithStatus1AndOneMessage() throws Exception {
        // strict is read by the same parser as every other setting: the heapguard. prefix counts
        ForkedJvm.Result result = misconfiguredApp(Jdk.BUILD, "heapguard.strict=true,maxHeap=lots")
                .run("bad-config-strict-prefixed", RUN_TIMEOUT);

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stdout()).doesNotContain("DONE");
        assertThat(result.stderr().lines().filter(line -> line.contains("heapguard"))).as(result.describe())
                .singleElement().asString()
                .startsWith("[heapguard] ").contains("'lots' for 'maxHeap'").contains("strict=true")
                .contains("exits (status 1)");
    }

    @Test
    void malformedTarget_strict_jvmExitsNamingTargetFieldAndValue() throws Exception {
        ForkedJvm.Result result = misconfiguredApp(Jdk.BUILD,
                "strict=true,targets=t=a.b.C#m(int)|bytes=1m|onReject=FALLBACK")
                .run("bad-target-strict", RUN_TIMEOUT);

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stdout()).doesNotContain("DONE");
        assertThat(result.stderr()).contains("'targets.t.onReject'").contains("'FALLBACK'").contains("THROW or WAIT")
                .contains("strict=true");
    }
}
