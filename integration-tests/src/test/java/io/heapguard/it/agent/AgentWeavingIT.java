package io.heapguard.it.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.heapguard.it.agent.app.GuardedCallsApp;
import io.heapguard.it.support.ForkedJvm;
import io.heapguard.it.support.Jdk;

/**
 * Weaving end to end, on JDK 17 and JDK 25: one forked JVM per JDK runs {@link GuardedCallsApp}
 * (every method shape, loader kind, rejection reason, release path, fallback and wait) and each test
 * checks one behaviour in its output.
 */
class AgentWeavingIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final Map<Jdk, AppOutput> RUNS = new EnumMap<>(Jdk.class);

    private static synchronized AppOutput run(Jdk jdk) throws Exception {
        AppOutput cached = RUNS.get(jdk);
        if (cached != null) {
            return cached;
        }
        ForkedJvm.Result result = ForkedJvm.on(jdk)
                .withAgent(GuardedCallsApp.AGENT_OPTIONS)
                .heap(GuardedCallsApp.HEAP)
                .jvmArg("-Xverify:all") // every woven class, the JDK's own included, passes the verifier
                .classPath(ForkedJvm.testClassPath())
                .mainClass(GuardedCallsApp.class.getName())
                .run("weaving-" + jdk.name().toLowerCase(), RUN_TIMEOUT);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).as(result.describe()).contains("DONE");
        assertThat(result.stderr()).as("the agent reports no problem: " + result.describe())
                .doesNotContain("[heapguard] cannot weave").doesNotContain("invalid @MemoryAware");
        AppOutput output = AppOutput.parse(result.stdout());
        RUNS.put(jdk, output);
        return output;
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void everyMethodShape_smallCallAdmitted_largeCallRejectedBeforeBody(Jdk jdk) throws Exception {
        AppOutput output = run(jdk);
        for (String shape : new String[] {"static", "instance", "default", "generic", "varargs", "private"}) {
            assertThat(output.result(shape + ".small")).as(shape)
                    .containsEntry("outcome", "admitted").containsEntry("bodyRan", "true");
            assertThat(output.result(shape + ".large")).as(shape)
                    .containsEntry("outcome", "rejected")
                    .containsEntry("reason", "ALLOCATION_TOO_LARGE")
                    .containsEntry("operation", "shape." + shape)
                    .containsEntry("bodyRan", "false");
        }
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void childUrlAndNestedJarLoaders_woven_defaultOperationName(Jdk jdk) throws Exception {
        AppOutput output = run(jdk);
        for (String loader : new String[] {"childUrl", "nestedJar"}) {
            Map<String, String> report = output.result("loader." + loader);
            assertThat(report.keySet()).as(loader).hasSize(1);
            String line = report.keySet().iterator().next() + "=" + report.values().iterator().next();
            assertThat(line).as(loader)
                    .contains("small=admitted")
                    .contains("large=rejected:ALLOCATION_TOO_LARGE;operation=IsolatedShapes#guarded")
                    .contains("bodyRuns=1");
        }
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void operationBudgetFull_rejectsInsufficientMemory_andWaitTimesOut(Jdk jdk) throws Exception {
        AppOutput output = run(jdk);
        assertThat(output.result("held.insufficient"))
                .containsEntry("outcome", "rejected").containsEntry("reason", "INSUFFICIENT_MEMORY")
                .containsEntry("bodyRan", "false");
        assertThat(output.result("held.waitTimesOut"))
                .containsEntry("outcome", "rejected").containsEntry("reason", "WAIT_TIMED_OUT")
                .containsEntry("bodyRan", "false");
        assertThat(output.result("held.waitAdmitted"))
                .containsEntry("outcome", "admitted").containsEntry("value", "ran");
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void aboveCriticalCeiling_lowPriorityShed_highPriorityAdmitted(Jdk jdk) throws Exception {
        AppOutput output = run(jdk);
        assertThat(output.result("shed.lowPriority"))
                .containsEntry("outcome", "rejected").containsEntry("reason", "MEMORY_PRESSURE_TOO_HIGH")
                .containsEntry("bodyRan", "false");
        assertThat(output.result("shed.highPriority")).containsEntry("outcome", "admitted");
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void bodyThrows_reservationReleased(Jdk jdk) throws Exception {
        AppOutput output = run(jdk);
        assertThat(output.result("throws.body"))
                .containsEntry("outcome", "failed").containsEntry("error", "java.lang.IllegalStateException")
                .containsEntry("bodyRan", "true");
        assertThat(output.result("throws.after")).containsEntry("inFlight", "0").containsEntry("reservedBytes", "0");
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void returnsFuture_reservationHeldUntilCompletion(Jdk jdk) throws Exception {
        AppOutput output = run(jdk);
        assertThat(output.result("async.started")).containsEntry("outcome", "admitted");
        assertThat(output.result("async.pending"))
                .containsEntry("inFlight", "1").containsEntry("reservedBytes", String.valueOf(2L * 1024 * 1024));
        assertThat(output.result("async.completed")).containsEntry("inFlight", "0").containsEntry("reservedBytes", "0");
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void fallback_runsInsteadOfBody_forValueVoidPrimitiveAndAsync(Jdk jdk) throws Exception {
        AppOutput output = run(jdk);
        assertThat(output.result("fallback.admitted")).containsEntry("value", "full:q").containsEntry("bodyRan", "true");
        assertThat(output.result("fallback.rejected"))
                .containsEntry("outcome", "admitted")
                .containsEntry("value", "degraded:q:ALLOCATION_TOO_LARGE")
                .containsEntry("bodyRan", "false");
        assertThat(output.result("fallback.primitive")).containsEntry("value", "-7").containsEntry("bodyRan", "false");
        assertThat(output.result("fallback.void")).containsEntry("value", "skipped").containsEntry("bodyRan", "false");
        assertThat(output.result("fallback.async")).containsEntry("value", "cached:k").containsEntry("bodyRan", "false");
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void recursiveGuardedCalls_complete_andEverythingIsReleasedAtTheEnd(Jdk jdk) throws Exception {
        AppOutput output = run(jdk);
        assertThat(output.result("recursive.nested")).containsEntry("value", "50");
        assertThat(output.result("start")).containsEntry("active", "true").containsEntry("admitted", "0");
        assertThat(output.result("end"))
                .containsEntry("inFlight", "0").containsEntry("reservedBytes", "0").containsEntry("internalErrors", "0");
        // every admitted call of this app counted once: shapes 6, loaders 2, held 2 (holder and the
        // successful wait), shed 1, throws 1, async 1, fallback.admitted 1, recursion 51 (depth 50..0)
        assertThat(output.number("end", "admitted")).isEqualTo(6 + 2 + 2 + 1 + 1 + 1 + 1 + 51);
        // rejections: shapes 6, loaders 2, held 2, shed 1, fallbacks 4
        assertThat(output.number("end", "rejected")).isEqualTo(6 + 2 + 2 + 1 + 4);
    }
}
