package io.heapguard.agent.internal;

import static io.heapguard.agent.internal.WovenSamples.classFile;
import static io.heapguard.agent.internal.WovenSamples.internalName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heapguard.MemoryGuardException;
import io.heapguard.bootstrap.WovenCalls;
import io.heapguard.agent.internal.WovenSamples.ChildFirstLoader;
import io.heapguard.agent.internal.samples.BadAnnotations;
import io.heapguard.agent.internal.samples.BridgeSamples;
import io.heapguard.agent.internal.samples.GuardedSamples;
import io.heapguard.agent.internal.samples.Plain;
import io.heapguard.agent.internal.samples.PressureSamples;
import io.heapguard.core.GuardConfig;
import io.heapguard.core.HeapGuard;

/** Weaves sample classes with the real guard core and runs them in a child class loader. */
class ClassWeaverTest {

    private static final long MAX_PER_CALL_BYTES = 1024 * 1024;
    private static final long BUDGET_BYTES = 256L * 1024 * 1024;

    /** A call this big (fraction of the budget) lands just above the default cleanup threshold (0.90). */
    private static final double CLEANUP_FRACTION_ABOVE_THRESHOLD = 0.91;
    /** Large enough that the test JVM's own live heap fits in the 9% left above such a call. */
    private static final long CLEANUP_TEST_BUDGET_BYTES = 1024L * 1024 * 1024;

    private HeapGuard guard;
    private IdRegistry<GuardedMethod> methods;
    private PressureHooks pressureHooks;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalStderr;

    @BeforeEach
    void startGuard() {
        guard = HeapGuard.start(GuardConfig.builder(Runtime.getRuntime().maxMemory())
                .maxHeapBytes(BUDGET_BYTES).maxPerCallBytes(MAX_PER_CALL_BYTES).build());
        methods = new IdRegistry<>();
        pressureHooks = new PressureHooks(guard);
        WovenCalls.install(new GuardedCallHandler(guard, methods, pressureHooks));
        originalStderr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopGuard() {
        System.setErr(originalStderr);
        WovenCalls.uninstall();
        guard.close();
        // the invariant after every test: nothing stays reserved
        assertThat(guard.stats().inFlight()).isZero();
        assertThat(guard.stats().reservedBytes()).isZero();
    }

    @Test
    void weave_callOverPerCallLimit_rejectedBeforeBodyRuns() throws Throwable {
        Class<?> samples = woven(GuardedSamples.class, false);

        assertThat(call(samples, null, "sized", 1024L)).isEqualTo(1024L);
        Throwable rejected = catchThrowable(() -> call(samples, null, "sized", 2 * MAX_PER_CALL_BYTES));

        assertThat(rejected).isInstanceOfSatisfying(MemoryGuardException.class, e -> {
            assertThat(e.reason()).isEqualTo(MemoryGuardException.Reason.ALLOCATION_TOO_LARGE);
            assertThat(e.operation()).isEqualTo("sample.sized");
            assertThat(e.requestedBytes()).isEqualTo(2 * MAX_PER_CALL_BYTES);
        });
        assertThat(bodyRuns(samples)).isEqualTo(1);
        assertThat(guard.stats().admitted()).isEqualTo(1);
        assertThat(guard.stats().rejected()).isEqualTo(1);
    }

    @Test
    void weave_bodyThrows_reservationReleasedAndExceptionUnchanged() throws Throwable {
        Class<?> samples = woven(GuardedSamples.class, false);
        Object instance = samples.getDeclaredConstructor().newInstance();

        assertThatThrownBy(() -> call(samples, instance, "throwing"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("on purpose");

        assertThat(guard.stats().admitted()).isEqualTo(1);
        assertThat(guard.stats().inFlight()).isZero();
    }

    @Test
    void weave_returnedFuture_holdsReservationUntilCompleted() throws Throwable {
        Class<?> samples = woven(GuardedSamples.class, false);
        Object instance = samples.getDeclaredConstructor().newInstance();
        CompletableFuture<String> work = new CompletableFuture<>();

        assertThat(call(samples, instance, "async", work)).isSameAs(work);
        assertThat(guard.stats().inFlight()).isEqualTo(1);
        assertThat(guard.stats().reservedBytes()).isEqualTo(4096);

        work.complete("done");
        assertThat(guard.stats().inFlight()).isZero();
    }

    @Test
    void weave_fallbackOnRejection_returnsFallbackValueWithoutRunningBody() throws Throwable {
        Class<?> samples = woven(GuardedSamples.class, false);
        Object instance = samples.getDeclaredConstructor().newInstance();

        assertThat(call(samples, instance, "withFallback", 10L)).isEqualTo("full");
        assertThat(call(samples, instance, "withFallback", 2 * MAX_PER_CALL_BYTES)).isEqualTo("cheap:ALLOCATION_TOO_LARGE");
        assertThat(bodyRuns(samples)).isEqualTo(1);
    }

    @Test
    void weave_estimatorClass_instantiatedAndUsedForTheEstimate() throws Throwable {
        Class<?> samples = woven(GuardedSamples.class, false);

        assertThat(call(samples, null, "estimated", 2 * MAX_PER_CALL_BYTES)).isEqualTo(2 * MAX_PER_CALL_BYTES);
        assertThatThrownBy(() -> call(samples, null, "estimated", 4 * MAX_PER_CALL_BYTES))
                .isInstanceOf(MemoryGuardException.class);
    }

    @Test
    void weave_estimatorWithoutDefaultConstructor_reportedOnce_callsUseDefaultEstimate() throws Throwable {
        Class<?> samples = woven(GuardedSamples.class, false);

        call(samples, null, "brokenEstimator", 1L);
        call(samples, null, "brokenEstimator", 2L);

        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .containsOnlyOnce("cannot create estimator io.heapguard.agent.internal.samples.NoDefaultConstructorEstimator")
                .contains("brokenEstimator");
        assertThat(bodyRuns(samples)).isEqualTo(2);
    }

    @Test
    void weave_invalidExpression_reportedWithClassMethodPosition_methodStillGuardedByDefault() throws Throwable {
        Class<?> bad = woven(BadAnnotations.class, false);

        String report = stderr.toString(StandardCharsets.UTF_8);
        assertThat(report)
                .contains("class io.heapguard.agent.internal.samples.BadAnnotations")
                .contains("badExpression(float[], int)")
                .contains("len(vector * 4")
                .contains("position")
                .contains("vector")
                .contains("fallback method missing(int");
        assertThat(call(bad, null, "badExpression", new float[2], 3)).isEqualTo(3);
        assertThat(guard.stats().admitted()).isEqualTo(1);
    }

    @Test
    void weave_strictAndInvalidExpression_everyCallFailsNamingTheProblem() throws Throwable {
        Class<?> bad = woven(BadAnnotations.class, true);

        assertThatThrownBy(() -> call(bad, null, "badExpression", new float[2], 3))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("strict=true")
                .hasMessageContaining("badExpression");
    }

    @Test
    void weave_onMemoryPressureHooks_staticAndInstanceRunOnceAtCleanupThreshold() throws Throwable {
        restartGuard(GuardConfig.builder(Runtime.getRuntime().maxMemory())
                .maxHeapBytes(CLEANUP_TEST_BUDGET_BYTES).maxPerCallBytes(CLEANUP_TEST_BUDGET_BYTES).build());
        Class<?> samples = woven(PressureSamples.class, false);
        Object instance = samples.getConstructor(int.class).newInstance(1);

        call(samples, null, "big", (long) (CLEANUP_TEST_BUDGET_BYTES * CLEANUP_FRACTION_ABOVE_THRESHOLD));

        AtomicInteger staticRuns = (AtomicInteger) samples.getField("STATIC_RUNS").get(null);
        AtomicInteger instanceRuns = (AtomicInteger) samples.getField("INSTANCE_RUNS").get(null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(staticRuns.get()).isPositive();
            assertThat(instanceRuns.get()).isPositive();
        });
        // chained constructors registered the instance once: each cleanup run calls it once
        assertThat(instanceRuns.get()).isEqualTo(staticRuns.get());
        assertThat(instance).isNotNull();
    }

    @Test
    void weave_sameClassAgain_asARetransformationDoes_registersItsStaticHookOnce() throws Exception {
        ChildFirstLoader loader = new ChildFirstLoader(getClass().getClassLoader());
        ClassWeaver weaver = weaver(false);
        byte[] original = classFile(PressureSamples.class);

        weaver.weave(loader, internalName(PressureSamples.class), original, null);
        weaver.weave(loader, internalName(PressureSamples.class), original, PressureSamples.class);

        JsonNode cleanup = new ObjectMapper().readTree(guard.statsJson()).path("cleanup");
        assertThat(cleanup.path("hooks").asInt()).as(cleanup.toString()).isEqualTo(1);
    }

    @Test
    void weave_classWithoutAnnotations_leftUnchanged() throws IOException {
        byte[] plain = classFile(Plain.class);

        assertThat(ClassFileScan.mentionsAnnotations(plain)).isFalse();
        assertThat(weaver(false).weave(getClass().getClassLoader(), internalName(Plain.class), plain, null)).isNull();
    }

    @Test
    void preload_sampleClass_registersNothing_andWeavingStillWorks() throws Throwable {
        ClassWeaver.preload(WarmUpSample.class.getName(), classFile(WarmUpSample.class));

        assertThat(guard.stats().admitted()).isZero();
        assertThat(new String(guard.statsJson(), StandardCharsets.UTF_8)).doesNotContain("heapguard.warmUp");
        Class<?> samples = woven(GuardedSamples.class, false);
        assertThat(call(samples, null, "sized", 1024L)).isEqualTo(1024L);
    }

    @Test
    void weave_bridgeOfGenericInterface_notWoven_callCountedOnce() throws Throwable {
        Class<?> samples = woven(BridgeSamples.class, false);
        Object instance = samples.getDeclaredConstructor().newInstance();
        Method bridge = Arrays.stream(samples.getDeclaredMethods()).filter(Method::isBridge).findFirst()
                .orElseThrow(() -> new AssertionError("javac made no bridge in " + samples));
        assertThat(bridge.getAnnotation(io.heapguard.MemoryAware.class)).as("javac copied the annotation").isNotNull();

        assertThat(bridge.invoke(instance, "v", 4096L)).isEqualTo("v");

        assertThat(guard.stats().admitted()).isEqualTo(1);
        assertThat(bodyRuns(samples)).isEqualTo(1);
    }

    @Test
    void scan_annotatedClass_detected() throws IOException {
        assertThat(ClassFileScan.mentionsAnnotations(classFile(GuardedSamples.class))).isTrue();
        assertThat(ClassFileScan.contains("abcabd".getBytes(StandardCharsets.US_ASCII),
                "abd".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(ClassFileScan.contains("ab".getBytes(StandardCharsets.US_ASCII),
                "abd".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    private void restartGuard(GuardConfig config) {
        guard.close();
        guard = HeapGuard.start(config);
        methods = new IdRegistry<>();
        pressureHooks = new PressureHooks(guard);
        WovenCalls.install(new GuardedCallHandler(guard, methods, pressureHooks));
    }

    private ClassWeaver weaver(boolean strict) {
        return new ClassWeaver(new GuardedMethodFactory(guard, methods, strict, ForeignApiCopies.none()), pressureHooks);
    }

    private Class<?> woven(Class<?> sample, boolean strict) throws IOException, ClassNotFoundException {
        ChildFirstLoader loader = new ChildFirstLoader(getClass().getClassLoader());
        byte[] woven = weaver(strict).weave(loader, internalName(sample), classFile(sample), null);
        assertThat(woven).as("woven " + sample).isNotNull();
        assertThat(woven).isNotEqualTo(classFile(sample));
        loader.add(sample.getName(), woven);
        return loader.loadClass(sample.getName());
    }

    private static int bodyRuns(Class<?> samples) throws ReflectiveOperationException {
        return samples.getField("bodyRuns").getInt(null);
    }

    private static Object call(Class<?> type, Object target, String name, Object... args) throws Throwable {
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == args.length) {
                method.setAccessible(true);
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new AssertionError("no method " + name + " with " + args.length + " parameters in " + type
                + ": " + Arrays.toString(type.getDeclaredMethods()));
    }
}
