package io.heapguard.it.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.heapguard.it.agent.app.WeavingEdgesApp;
import io.heapguard.it.support.ForkedJvm;
import io.heapguard.it.support.Jdk;

/**
 * Issue 10's weaving shapes end to end, on JDK 17 and JDK 25, with {@code -Xverify:all}: one forked
 * JVM per JDK runs {@link WeavingEdgesApp}; each test checks one shape in its output. (The fifth
 * shape, StackOverflowError through guarded recursion, is {@link OverflowStormIT}.)
 */
class WeavingEdgeCasesIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    /** {@code x++} on an int local is one 3-byte {@code iinc}; the rest of {@code edge} is 4 bytes. */
    private static final int IINC_BYTES = 3;
    private static final int EDGE_OTHER_BYTES = 4;
    /** The JVM's limit is 65535 bytes of code per method; leave less room than any advice needs. */
    private static final int EDGE_CODE_BYTES = 65524;
    private static final Map<Jdk, Run> RUNS = new EnumMap<>(Jdk.class);
    private static Path bigEdgeClasses;

    private record Run(AppOutput output, String stderr) {
    }

    @BeforeAll
    static void compileBigEdge() throws IOException {
        Path work = Path.of(System.getProperty("heapguard.it.work", "target/it-work")).toAbsolutePath();
        Path sources = work.resolve("big-edge-src/generated");
        bigEdgeClasses = work.resolve("big-edge-classes");
        Files.createDirectories(sources);
        Files.createDirectories(bigEdgeClasses);
        Path source = sources.resolve("BigEdge.java");
        Files.writeString(source, bigEdgeSource((EDGE_CODE_BYTES - EDGE_OTHER_BYTES) / IINC_BYTES), StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "--release", "17", "-parameters", "-cp", ForkedJvm.testClassPath(),
                "-d", bigEdgeClasses.toString(), source.toString());
        assertThat(status).as("javac of the generated " + source).isZero();
    }

    /** A method just under the 64 KB code limit, beside two small guarded siblings. */
    private static String bigEdgeSource(int increments) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < increments; i++) {
            body.append("        x++;\n");
        }
        return """
                package generated;

                import io.heapguard.MemoryAware;

                public final class BigEdge {
                    private BigEdge() {
                    }

                    @MemoryAware(operation = "edgeBig", estimate = "size")
                    public static int edge(long size, int k) {
                        int x = k;
                %s        return x;
                    }

                    @MemoryAware(operation = "edgeBigSibling", estimate = "size")
                    public static long small(long size) {
                        return size;
                    }

                    @MemoryAware(operation = "edgeBigFixed", bytes = 1L << 40)
                    public static String fixed() {
                        return "ran";
                    }
                }
                """.formatted(body);
    }

    private static synchronized Run run(Jdk jdk) throws Exception {
        Run cached = RUNS.get(jdk);
        if (cached != null) {
            return cached;
        }
        ForkedJvm.Result result = ForkedJvm.on(jdk)
                .withAgent(WeavingEdgesApp.AGENT_OPTIONS)
                .heap(WeavingEdgesApp.HEAP)
                .jvmArg("-Xverify:all")
                .systemProperty(WeavingEdgesApp.BIG_EDGE_PROPERTY, "true")
                .classPath(ForkedJvm.testClassPath() + File.pathSeparator + bigEdgeClasses)
                .mainClass(WeavingEdgesApp.class.getName())
                .run("weaving-edges-" + jdk.name().toLowerCase(), RUN_TIMEOUT);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).as(result.describe()).contains("DONE");
        assertThat(result.stderr()).as("no VerifyError: " + result.describe()).doesNotContain("VerifyError");
        Run run = new Run(AppOutput.parse(result.stdout()), result.stderr());
        RUNS.put(jdk, run);
        return run;
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void bridgeOfGenericInterface_callCountedAndReservedOnce(Jdk jdk) throws Exception {
        Map<String, String> bridge = run(jdk).output().result("bridge.generic");
        // maxInFlight 6k: a second reservation of 4096 for the bridge would be rejected
        assertThat(bridge).containsEntry("outcome", "admitted").containsEntry("value", "A:4096")
                .containsEntry("admittedDelta", "1").containsEntry("internalErrorsDelta", "0")
                .containsEntry("inFlightAfter", "0").containsEntry("reservedAfter", "0");
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void bridgeOfCovariantOverride_callCountedAndReservedOnce(Jdk jdk) throws Exception {
        assertThat(run(jdk).output().result("bridge.covariant"))
                .containsEntry("outcome", "admitted").containsEntry("value", "derived:4096")
                .containsEntry("admittedDelta", "1").containsEntry("inFlightAfter", "0");
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void estimateReadsGuardedAccessor_accessorNotAdmitted_noInternalError(Jdk jdk) throws Exception {
        AppOutput output = run(jdk).output();
        assertThat(output.result("estimate.accessorAdmitted"))
                .containsEntry("outcome", "admitted").containsEntry("value", String.valueOf(1024 * 1024 + 1024))
                .containsEntry("admittedDelta", "1").containsEntry("internalErrorsDelta", "0");
        // 8 MiB from the accessor's value, over the operation's 4 MiB per call: not the 2 MiB accessor nor a default
        assertThat(output.result("estimate.accessorRejected"))
                .containsEntry("outcome", "rejected").containsEntry("reason", "ALLOCATION_TOO_LARGE")
                .containsEntry("requested", String.valueOf(8L * 1024 * 1024))
                .containsEntry("admittedDelta", "0").containsEntry("internalErrorsDelta", "0");
        assertThat(output.result("estimate.accessorDirect"))
                .as("called directly, the accessor is guarded as usual")
                .containsEntry("outcome", "admitted").containsEntry("admittedDelta", "1");
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void returnTypeMissingAtRunTime_classStillGuarded(Jdk jdk) throws Exception {
        Run run = run(jdk);
        assertThat(run.output().result("missing.optional"))
                .containsEntry("outcome", "admitted").containsEntry("value", "null").containsEntry("admittedDelta", "1");
        assertThat(run.output().result("missing.sibling"))
                .containsEntry("outcome", "rejected").containsEntry("reason", "ALLOCATION_TOO_LARGE");
        assertThat(run.stderr()).doesNotContain("cannot weave io.heapguard.it.agent.app.hidden")
                .contains("OptionalDependency#optional() returns io.heapguard.it.agent.app.hidden.Missing");
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void returnedStageOfUnresolvableType_reservationHeldUntilCompletion(Jdk jdk) throws Exception {
        AppOutput output = run(jdk).output();
        assertThat(output.result("missing.lateStage"))
                .containsEntry("outcome", "admitted").containsEntry("value", "LateStage")
                .containsEntry("admittedDelta", "1");
        assertThat(output.result("missing.lateStagePending"))
                .containsEntry("inFlight", "1").containsEntry("reservedBytes", String.valueOf(2L * 1024 * 1024));
        assertThat(output.result("missing.lateStageCompleted"))
                .containsEntry("inFlight", "0").containsEntry("reservedBytes", "0");
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void methodTooLargeToWeave_leftAloneAndReportedOnce_siblingsGuarded(Jdk jdk) throws Exception {
        Run run = run(jdk);
        assertThat(run.output().result("big.edge"))
                .as("runs unguarded: a 1 TiB estimate would otherwise be rejected")
                .containsEntry("outcome", "admitted")
                .containsEntry("value", String.valueOf(2 + (EDGE_CODE_BYTES - EDGE_OTHER_BYTES) / IINC_BYTES))
                .containsEntry("admittedDelta", "0");
        assertThat(run.output().result("big.smallAdmitted")).containsEntry("outcome", "admitted")
                .containsEntry("admittedDelta", "1");
        assertThat(run.output().result("big.smallRejected"))
                .containsEntry("outcome", "rejected").containsEntry("reason", "ALLOCATION_TOO_LARGE");
        assertThat(run.output().result("big.fixedRejected"))
                .containsEntry("outcome", "rejected").containsEntry("reason", "ALLOCATION_TOO_LARGE");
        String report = "[heapguard] cannot weave generated.BigEdge#edge(long, int) [edge(JI)I]";
        assertThat(run.stderr()).contains(report).contains("65535");
        assertThat(run.stderr().split(java.util.regex.Pattern.quote(report), -1)).as("reported once").hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void shapesThatAlreadyWorked_smallAdmitted_largeRejected(Jdk jdk) throws Exception {
        AppOutput output = run(jdk).output();
        for (String shape : List.of("synchronized", "enum", "interfaceStatic", "tryFinally", "lambda")) {
            assertThat(output.result("working." + shape + ".small")).as(shape)
                    .containsEntry("outcome", "admitted").containsEntry("admittedDelta", "1")
                    .containsEntry("internalErrorsDelta", "0");
            assertThat(output.result("working." + shape + ".large")).as(shape)
                    .containsEntry("outcome", "rejected").containsEntry("reason", "ALLOCATION_TOO_LARGE");
        }
        assertThat(output.result("working.synchronized.small")).containsEntry("value", "4096");
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void everythingReleasedAtTheEnd_noInternalErrors(Jdk jdk) throws Exception {
        assertThat(run(jdk).output().result("end"))
                .containsEntry("inFlight", "0").containsEntry("reservedBytes", "0").containsEntry("internalErrors", "0");
    }
}
