package io.heapguard.agent.internal;

import static io.heapguard.agent.internal.WovenSamples.classFile;
import static io.heapguard.agent.internal.WovenSamples.internalName;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.heapguard.MemoryAware;
import io.heapguard.MemoryGuardException;
import io.heapguard.agent.estimate.EstimateExpression;
import io.heapguard.agent.internal.WovenSamples.ChildFirstLoader;
import io.heapguard.agent.internal.samples.CompiledEstimateSamples;
import io.heapguard.bootstrap.WovenCalls;
import io.heapguard.core.GuardConfig;
import io.heapguard.core.HeapGuard;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Estimates compiled into the woven method: which forms compile, what the woven code then calls (no
 * argument frame, no evaluator), and that the compiled code reserves exactly what the evaluator
 * computes, for random and edge-case arguments (NaN, infinities, extremes, null arrays).
 */
class CompiledEstimateTest {

    private static final long BUDGET_BYTES = 1L << 30;
    private static final String WOVEN_CALLS = internalName(WovenCalls.class);
    private static final String FRAME = "io/heapguard/bootstrap/ArgumentFrame";
    private static final int RANDOM_CALLS = 2_000;

    private HeapGuard guard;
    private ClassWeaver weaver;
    private byte[] woven;
    private Class<?> samples;

    @BeforeEach
    void weaveSamples() throws Exception {
        guard = HeapGuard.start(GuardConfig.builder(Runtime.getRuntime().maxMemory())
                .maxHeapBytes(BUDGET_BYTES).maxPerCallBytes(BUDGET_BYTES / 4).build());
        weaver = WovenSamples.installWeaver(guard);
        ChildFirstLoader loader = new ChildFirstLoader(getClass().getClassLoader());
        woven = weaver.weave(loader, internalName(CompiledEstimateSamples.class),
                classFile(CompiledEstimateSamples.class), null);
        loader.add(CompiledEstimateSamples.class.getName(), woven);
        samples = loader.loadClass(CompiledEstimateSamples.class.getName());
        LongSupplier reserved = () -> guard.stats().reservedBytes();
        samples.getField("reserved").set(null, reserved);
    }

    @AfterEach
    void stopGuard() {
        WovenSamples.uninstallAndCheckNothingHeld(guard);
    }

    @Test
    void compiledForms_passTheirEstimate_withoutFrameOrEvaluator() {
        Map<String, List<String>> calls = callsByMethod(woven);

        for (String compiled : List.of("primitives", "lengths", "functions", "instance", "fixed")) {
            assertThat(calls.get(compiled)).as(compiled)
                    .contains(WOVEN_CALLS + ".acquireEstimated")
                    .doesNotContain(WOVEN_CALLS + ".frame", WOVEN_CALLS + ".acquire");
        }
    }

    @Test
    void evaluatedForms_storeOnlyTheArgumentsTheEstimateReads() {
        Map<String, List<String>> calls = callsByMethod(woven);

        assertThat(calls.get("evaluated")).as("len(list) * 8 + (boxed ?: 3), 'unread' left out")
                .contains(WOVEN_CALLS + ".frame", WOVEN_CALLS + ".acquire")
                .doesNotContain(WOVEN_CALLS + ".acquireEstimated", FRAME + ".putInt")
                .filteredOn(call -> call.equals(FRAME + ".putObject")).hasSize(2);
        assertThat(calls.get("divided")).as("1MB / n: a divisor that may be 0")
                .contains(WOVEN_CALLS + ".acquire", FRAME + ".putInt");
    }

    @Test
    void evaluatedForms_stillEstimateFromTheFrame() throws Throwable {
        assertThat(call("evaluated", List.of("a", "b"), null, 7)).isEqualTo(2 * 8 + 3);
        assertThat(call("evaluated", List.of("a"), 100, 7)).isEqualTo(8 + 100);
        assertThat(call("divided", 1024)).isEqualTo(1024);
    }

    @Test
    void compiledEstimate_reservesWhatTheEvaluatorComputes_forRandomAndEdgeArguments() throws Throwable {
        Random random = new Random(20261130);
        Object instance = samples.getDeclaredConstructor().newInstance();
        for (String name : List.of("primitives", "lengths", "functions", "instance", "fixed")) {
            Method original = declared(CompiledEstimateSamples.class, name);
            EstimateExpression evaluator = evaluatorFor(original);
            Method wovenMethod = declared(samples, name);
            for (int i = 0; i < RANDOM_CALLS; i++) {
                Object[] args = arguments(original, random, i);
                long expected = evaluator.evaluate(args);

                long reserved = reservedBy(wovenMethod, Modifier.isStatic(original.getModifiers()) ? null : instance, args);

                assertThat(reserved).as("%s%s", name, Arrays.deepToString(args)).isEqualTo(expected);
            }
        }
    }

    /**
     * The evaluator of the method's estimate; a fixed {@code bytes} as a literal expression. Parameter
     * names come from the class file (as the weaver reads them), not reflection: a coverage agent may
     * instrument the loaded class without them.
     */
    private static EstimateExpression evaluatorFor(Method method) throws Exception {
        MemoryAware annotation = method.getAnnotation(MemoryAware.class);
        String source = annotation.estimate().isEmpty() ? Long.toString(annotation.bytes()) : annotation.estimate();
        List<String> types = new ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            types.add(parameter.getType().getName());
        }
        List<String> names = parameterNames(classFile(method.getDeclaringClass()), method.getName());
        return EstimateExpression.parse(source, names, types);
    }

    /** The call's reservation, or what it asked for when it was refused (an estimate over the per-call limit). */
    private static long reservedBy(Method method, Object instance, Object[] args) throws Throwable {
        try {
            return (long) method.invoke(instance, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof MemoryGuardException rejected) {
                return rejected.requestedBytes();
            }
            throw e.getCause();
        }
    }

    private long call(String name, Object... args) throws Throwable {
        return reservedBy(declared(samples, name), null, args);
    }

    /** Edge values first (the first calls), then random ones; arrays null one time in ten. */
    private static Object[] arguments(Method method, Random random, int call) {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = value(types[i], random, call);
        }
        return args;
    }

    private static Object value(Class<?> type, Random random, int call) {
        boolean edge = call < 40 || random.nextInt(8) == 0;
        if (type == int.class) {
            int[] edges = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 100, 16};
            return edge ? edges[random.nextInt(edges.length)] : random.nextInt(2_000_000) - 1_000_000;
        }
        if (type == long.class) {
            long[] edges = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 53, (1L << 53) + 1};
            return edge ? edges[random.nextInt(edges.length)] : random.nextLong() % 10_000_000_000L;
        }
        if (type == short.class) {
            return (short) random.nextInt();
        }
        if (type == byte.class) {
            return (byte) random.nextInt();
        }
        if (type == float.class) {
            float[] edges = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE, 0.1f};
            return edge ? edges[random.nextInt(edges.length)] : random.nextFloat() * 1e6f - 1e5f;
        }
        if (type == double.class) {
            double[] edges = {0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, 0.1};
            return edge ? edges[random.nextInt(edges.length)] : random.nextDouble() * 1e9 - 1e8;
        }
        if (type.isArray()) {
            return random.nextInt(10) == 0 ? null : java.lang.reflect.Array.newInstance(type.getComponentType(),
                    random.nextInt(300));
        }
        throw new IllegalArgumentException("no values for " + type);
    }

    private static Method declared(Class<?> type, String name) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(name)) {
                return method;
            }
        }
        throw new AssertionError("no method " + name + " in " + type);
    }

    /** The names the class file records for a method's parameters ({@code -parameters}). */
    private static List<String> parameterNames(byte[] classFile, String methodName) {
        List<String> names = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return !name.equals(methodName) ? null : new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitParameter(String parameter, int parameterAccess) {
                        names.add(parameter);
                    }
                };
            }
        }, 0);
        return names;
    }

    /** For each method of the class file, the methods it invokes, as {@code owner.name}. */
    private static Map<String, List<String>> callsByMethod(byte[] classFile) {
        Map<String, List<String>> calls = new HashMap<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                List<String> invoked = calls.computeIfAbsent(name, key -> new ArrayList<>());
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
                                                boolean isInterface) {
                        invoked.add(owner + "." + method);
                    }
                };
            }
        }, 0);
        return calls;
    }
}
