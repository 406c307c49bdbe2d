package io.heapguard.agent.internal;

import static io.heapguard.agent.internal.WovenSamples.classFile;
import static io.heapguard.agent.internal.WovenSamples.internalName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.heapguard.MemoryGuardException;
import io.heapguard.bootstrap.WovenCalls;
import io.heapguard.agent.internal.WovenSamples.ChildFirstLoader;
import io.heapguard.agent.internal.samples.HalfEstimator;
import io.heapguard.agent.internal.samples.TargetSamples;
import io.heapguard.agent.targets.Target;
import io.heapguard.agent.targets.TargetIndex;
import io.heapguard.agent.targets.TargetMatcher;
import io.heapguard.agent.targets.TargetReport;
import io.heapguard.core.GuardConfig;
import io.heapguard.core.HeapGuard;

/** Weaving configured targets: which methods match, and that each call is guarded exactly once. */
class TargetWeavingTest {

    private static final long MAX_PER_CALL_BYTES = 1024 * 1024;

    private HeapGuard guard;
    private IdRegistry<GuardedMethod> methods;
    private TargetReport report;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalStderr;

    @BeforeEach
    void startGuard() {
        guard = HeapGuard.start(GuardConfig.builder(Runtime.getRuntime().maxMemory())
                .maxHeapBytes(256L << 20).maxPerCallBytes(MAX_PER_CALL_BYTES).build());
        methods = new IdRegistry<>();
        WovenCalls.install(new GuardedCallHandler(guard, methods, new PressureHooks(guard)));
        TargetSamples.BODY_RUNS.set(0);
        originalStderr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopGuard() {
        System.setErr(originalStderr);
        WovenCalls.uninstall();
        guard.close();
        assertThat(guard.stats().inFlight()).isZero();
        assertThat(guard.stats().reservedBytes()).isZero();
    }

    private static Target.Builder target(String name, Class<?> type, String method) {
        return Target.builder(name).className(type.getName()).methodName(method);
    }

    @Test
    void subtypeTarget_genericImplementation_bridgeNotWoven_callCountedOnce() throws Throwable {
        Target loads = target("loads", TargetSamples.Loader.class, "load").subtypes(true)
                .estimate(new Target.Expression("len($0) * 1KB")).build();
        Class<?> loader = woven(List.of(loads), TargetSamples.StringLoader.class);
        @SuppressWarnings("unchecked")
        TargetSamples.Loader<String> instance = (TargetSamples.Loader<String>) loader.getDeclaredConstructor().newInstance();

        assertThat(instance.load("abc")).isEqualTo("abc"); // through the bridge, as callers of the interface do

        assertThat(report.matchedMethods("loads")).isEqualTo(1);
        assertThat(guard.snapshot().operations()).containsOnlyKeys("loads");
        assertThat(guard.stats().admitted()).isEqualTo(1);
        Throwable rejected = catchThrowable(() -> instance.load("x".repeat(2048)));
        assertThat(rejected).isInstanceOf(MemoryGuardException.class);
        assertThat(TargetSamples.BODY_RUNS.get()).isEqualTo(1);
    }

    @Test
    void subtypeTarget_frameworkProxySubclass_notWoven() throws Exception {
        Target loads = target("loads", TargetSamples.Loader.class, "load").subtypes(true)
                .estimate(new Target.FixedBytes(1)).build();

        byte[] woven = weaver(List.of(loads)).weave(new ChildFirstLoader(getClass().getClassLoader()),
                internalName(TargetSamples.StringLoader$$SpringCGLIB$$0.class),
                classFile(TargetSamples.StringLoader$$SpringCGLIB$$0.class), null);

        assertThat(woven).as("the proxy forwards to the woven method; weaving it would count twice").isNull();
    }

    @Test
    void annotatedAndTargeted_annotationWins_guardedOnce() throws Throwable {
        Target work = target("targeted", TargetSamples.Annotated.class, "work").estimate(new Target.FixedBytes(99)).build();
        Class<?> annotated = woven(List.of(work), TargetSamples.Annotated.class);

        call(annotated, annotated.getDeclaredConstructor().newInstance(), "work", 5L);

        assertThat(guard.stats().admitted()).isEqualTo(1);
        assertThat(guard.snapshot().operations()).containsOnlyKeys("annotated");
        assertThat(report.matchedMethods("targeted")).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("target 'targeted' names")
                .contains("the annotation wins");
    }

    @Test
    void parameters_pickOneOverload_simpleTypeNamesAccepted() throws Throwable {
        Target text = target("text", TargetSamples.Overloads.class, "size").parameterTypes(List.of("String"))
                .estimate(new Target.Expression("len(text)")).build();
        Class<?> overloads = woven(List.of(text), TargetSamples.Overloads.class);
        Object instance = overloads.getDeclaredConstructor().newInstance();

        for (Method method : overloads.getDeclaredMethods()) {
            if (method.getName().equals("size")) {
                method.invoke(instance, method.getParameterTypes()[0] == long.class ? (Object) 3L : "abc");
            }
        }

        assertThat(guard.stats().admitted()).as("only size(String) is guarded").isEqualTo(1);
        assertThat(report.toJsonMember()).contains("Overloads#size(java.lang.String)").doesNotContain("size(long)");
    }

    @Test
    void estimatorClass_loadedFromTheTargetClassLoader_sizesTheCall() throws Throwable {
        Target halved = target("halved", TargetSamples.Overloads.class, "size").parameterTypes(List.of("long"))
                .estimate(new Target.EstimatorClass(HalfEstimator.class.getName())).build();
        Class<?> overloads = woven(List.of(halved), TargetSamples.Overloads.class);
        Object instance = overloads.getDeclaredConstructor().newInstance();

        call(overloads, instance, "size", MAX_PER_CALL_BYTES); // half of it: admitted
        Throwable rejected = catchThrowable(() -> call(overloads, instance, "size", 4 * MAX_PER_CALL_BYTES));

        assertThat(rejected).isInstanceOfSatisfying(MemoryGuardException.class,
                e -> assertThat(e.requestedBytes()).isEqualTo(2 * MAX_PER_CALL_BYTES));
        assertThat(guard.stats().admitted()).isEqualTo(1);
    }

    @Test
    void expressionNotFittingTheMethod_reportedWithSignature_defaultEstimateUsed() throws Throwable {
        Target wrong = target("wrong", TargetSamples.Overloads.class, "size").parameterTypes(List.of("long"))
                .estimate(new Target.Expression("len($1)")).build();
        Class<?> overloads = woven(List.of(wrong), TargetSamples.Overloads.class);

        call(overloads, overloads.getDeclaredConstructor().newInstance(), "size", 3L);

        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .contains("invalid target 'wrong' on class " + TargetSamples.Overloads.class.getName() + ", method size(long)")
                .contains("$1");
        assertThat(guard.stats().admitted()).isEqualTo(1);
    }

    private ClassWeaver weaver(List<Target> targets) {
        report = new TargetReport(targets);
        return new ClassWeaver(new GuardedMethodFactory(guard, methods, false, ForeignApiCopies.none()),
                new PressureHooks(guard), new TargetWeaving(new TargetMatcher(TargetIndex.of(targets)), report));
    }

    private Class<?> woven(List<Target> targets, Class<?> sample) throws IOException, ClassNotFoundException {
        ChildFirstLoader loader = new ChildFirstLoader(getClass().getClassLoader());
        assertThat(TargetIndex.of(targets).mayMatch(internalName(sample), classFile(sample))).isTrue();
        byte[] woven = weaver(targets).weave(loader, internalName(sample), classFile(sample), null);
        assertThat(woven).as("woven " + sample).isNotNull();
        loader.add(sample.getName(), woven);
        return loader.loadClass(sample.getName());
    }

    private static Object call(Class<?> type, Object target, String name, Object... args) throws Throwable {
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == args.length) {
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new AssertionError("no method " + name + " in " + type);
    }
}
