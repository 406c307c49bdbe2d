package io.heapguard.agent.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.heapguard.bootstrap.ArgumentFrame;
import io.heapguard.bootstrap.FallbackResult;
import io.heapguard.agent.estimate.FixedEstimate;
import io.heapguard.agent.internal.advice.ArgumentFrameMapping;
import io.heapguard.agent.internal.advice.EnterOrFallback;
import io.heapguard.agent.internal.advice.EnterWithArguments;
import io.heapguard.agent.internal.advice.EnterWithEstimate;
import io.heapguard.agent.internal.advice.EnterWithoutArguments;
import io.heapguard.agent.internal.advice.EstimateCodeMapping;
import io.heapguard.agent.internal.advice.ExitFallbackValue;
import io.heapguard.agent.internal.advice.ExitFallbackVoid;
import io.heapguard.agent.internal.advice.ExitFallbackWhenComplete;
import io.heapguard.agent.internal.advice.ExitRegisterPressureHooks;
import io.heapguard.agent.internal.advice.ExitRelease;
import io.heapguard.agent.internal.advice.ExitReleaseWhenComplete;
import io.heapguard.agent.internal.PerMethodWeave.MethodAdvice;
import io.heapguard.agent.internal.advice.WovenArguments;
import io.heapguard.agent.internal.advice.WovenEstimate;
import io.heapguard.agent.internal.advice.WovenMethodId;
import io.heapguard.agent.targets.Target;
import io.heapguard.core.InternalLog;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Weaves one class file: {@code @MemoryAware} methods, and methods a configured target names
 * ({@link TargetWeaving}), get enter/exit advice bound to their registry id, constructors of classes
 * with {@code @OnMemoryPressure} instance methods get a registration call, static
 * {@code @OnMemoryPressure} methods are registered. Only method bodies change, so the
 * same code serves class loading and retransformation of already-loaded classes.
 *
 * <p>Byte Buddy's {@link Advice} runs as a plain ASM visitor between a class reader and a class
 * writer ({@link PerMethodWeave}), not through {@code ByteBuddy.redefine}: the builder machinery would load a few
 * hundred more classes for nothing we need and made the first weave ~130 ms slower (docs/benchmarks.md).
 * Creating this class still loads Byte Buddy, so it is created only for the first class that
 * mentions the annotations, or ahead of time by {@link #preload}.
 */
final class ClassWeaver {

    static final String ON_MEMORY_PRESSURE = "io.heapguard.OnMemoryPressure";

    private static final List<Class<?>> ADVICE_CLASSES = List.of(EnterWithoutArguments.class,
            EnterWithEstimate.class, EnterWithArguments.class, EnterOrFallback.class, ExitRelease.class,
            ExitReleaseWhenComplete.class, ExitFallbackVoid.class, ExitFallbackValue.class,
            ExitFallbackWhenComplete.class, ExitRegisterPressureHooks.class);
    /** Every enter and exit advice {@link #adviceFor} can choose, each at least once, in pairs that fit. */
    private static final List<Class<?>[]> PRELOAD_ADVICE = List.of(
            new Class<?>[] {EnterWithoutArguments.class, ExitRelease.class},
            new Class<?>[] {EnterWithEstimate.class, ExitRelease.class},
            new Class<?>[] {EnterWithArguments.class, ExitReleaseWhenComplete.class},
            new Class<?>[] {EnterOrFallback.class, ExitFallbackVoid.class},
            new Class<?>[] {EnterOrFallback.class, ExitFallbackValue.class},
            new Class<?>[] {EnterOrFallback.class, ExitFallbackWhenComplete.class});
    /** Bound into advice that is built only to be thrown away ({@link #preload}). */
    private static final int NO_METHOD_ID = -1;
    /** The estimate compiled into the advice {@link #preload} builds. */
    private static final EstimateCodeMapping PRELOAD_ESTIMATE = new EstimateCodeMapping(new FixedEstimate(1));

    private final AdviceCode adviceCode;
    private final GuardedMethodFactory methodFactory;
    private final PressureHooks pressureHooks;
    private final TargetWeaving targets;

    ClassWeaver(GuardedMethodFactory methodFactory, PressureHooks pressureHooks) {
        this(methodFactory, pressureHooks, TargetWeaving.NONE);
    }

    ClassWeaver(GuardedMethodFactory methodFactory, PressureHooks pressureHooks, TargetWeaving targets) {
        this.methodFactory = methodFactory;
        this.pressureHooks = pressureHooks;
        this.targets = targets;
        this.adviceCode = AdviceCode.shared();
    }

    /**
     * Runs every step of a weave once, on the given class file, and throws the result away: loads
     * and links the Byte Buddy classes a weave needs, so the application's first annotated class
     * finds them loaded. Registers nothing (no method ids, operations or hooks) and needs no weaver,
     * so it can run while another thread creates the weaver.
     */
    static void preload(String className, byte[] classFile) {
        AdviceCode adviceCode = AdviceCode.shared();
        List<Advice> advice = new ArrayList<>();
        // the advice first: building it is the largest part, and what a concurrent first weave needs last
        for (Class<?>[] pair : PRELOAD_ADVICE) {
            advice.add(adviceCode.forMethod(pair[0], pair[1], NO_METHOD_ID, ArgumentFrameMapping.storingAll(),
                    PRELOAD_ESTIMATE));
        }
        StandInTypes types = new StandInTypes();
        TypePool pool = typePool(className, classFile, ClassWeaver.class.getClassLoader(), types);
        TypeDescription type = pool.describe(className).resolve();
        List<MethodAdvice> planned = new ArrayList<>();
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            AnnotationDescription memoryAware = annotation(method, MemoryAwareValues.ANNOTATION_NAME);
            if (memoryAware != null && method.isMethod() && !method.isBridge()) {
                MemoryAwareValues.read(memoryAware);
                ReturnedStage.of(method, types);
                // the plain pair fits every method shape
                planned.add(MethodAdvice.forMethod(method, method.getName(), advice.get(0)));
            }
        }
        planned.add(MethodAdvice.forConstructors("constructors", adviceCode.forConstructor(NO_METHOD_ID)));
        PerMethodWeave.apply(type, pool, classFile, planned);
    }

    /**
     * The woven class file, or null when the class has nothing to weave.
     *
     * <p>Each method is planned and woven on its own: a method whose annotation cannot be registered,
     * or that cannot be woven (too large with the advice added), is reported once with its signature
     * and left unguarded, while the class's other methods are guarded ({@link PerMethodWeave}).
     *
     * @param loadedType the class when an already-loaded class is retransformed, else null
     */
    byte[] weave(ClassLoader loader, String internalName, byte[] classFile, Class<?> loadedType) {
        String className = internalName.replace('/', '.');
        StandInTypes types = new StandInTypes();
        TypePool pool = typePool(className, classFile, loader, types);
        TypeDescription type = pool.describe(className).resolve();

        List<MethodAdvice> planned = new ArrayList<>();
        List<String> instanceHooks = new ArrayList<>();
        List<Target> targeting = targets.candidates(type);
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            if (isCompilerGenerated(method)) {
                continue; // a bridge forwards to the annotated method, which is guarded: guarding both counts twice
            }
            AnnotationDescription memoryAware = annotation(method, MemoryAwareValues.ANNOTATION_NAME);
            if (memoryAware != null && isWeavable(type, method)) {
                MemoryAwareValues values = MemoryAwareValues.read(memoryAware);
                MethodAdvice advice = plan(type, method, types, async -> methodFactory.register(loader, type, method,
                        values, loadedType, async));
                if (advice != null) {
                    planned.add(advice);
                }
                targets.annotationWins(type, method, targeting);
            } else if (memoryAware == null && targets.names(method, targeting)) {
                // configured targets: guarded exactly like an annotated method (docs/guard-a-library-method.md)
                MethodAdvice advice = plan(type, method, types, async -> targets.register(methodFactory, loader, type,
                        method, targeting, loadedType, async));
                if (advice != null) {
                    planned.add(advice);
                }
            }
            if (annotation(method, ON_MEMORY_PRESSURE) != null && isHook(type, method)) {
                if (method.isStatic()) {
                    pressureHooks.registerStatic(loader, className, method.getName());
                } else {
                    instanceHooks.add(method.getName());
                }
            }
        }
        if (!instanceHooks.isEmpty() && !type.isInterface()) {
            int hookSetId = pressureHooks.defineInstanceHooks(className, instanceHooks);
            planned.add(MethodAdvice.forConstructors("the constructors of " + className
                    + " (registering its @OnMemoryPressure instances)", adviceCode.forConstructor(hookSetId)));
        }
        return planned.isEmpty() ? null : PerMethodWeave.apply(type, pool, classFile, planned);
    }

    /** Registers a method as guarded, given whether it may return a CompletionStage; null when it is not. */
    @FunctionalInterface
    private interface Registration {
        GuardedMethod register(boolean async);
    }

    /**
     * Registers one guarded method (annotated or targeted) and picks its advice; null when it is not
     * guarded, or (reported once) when registering fails.
     */
    private MethodAdvice plan(TypeDescription type, MethodDescription.InDefinedShape method, StandInTypes types,
                              Registration registration) {
        String displayName = GuardedMethodFactory.displayName(type.getName(), method);
        try {
            ReturnedStage returned = ReturnedStage.of(method, types);
            if (returned == ReturnedStage.CHECKED_AT_RUN_TIME) {
                InternalLog.shared().warnOnce("stage:" + displayName, displayName + " returns "
                        + method.getReturnType().asErasure().getName()
                        + ", which its class loader cannot fully resolve now: whether a returned value is a"
                        + " CompletionStage (the reservation is then held until it completes) is checked on each return");
            }
            GuardedMethod guarded = registration.register(returned.mayBeStage());
            return guarded == null ? null : MethodAdvice.forMethod(method, displayName, adviceFor(guarded, method));
        } catch (RuntimeException | LinkageError e) {
            InternalLog.shared().warnOnce("plan:" + displayName, "cannot weave " + displayName + ": " + e
                    + "; it runs unguarded, the other methods of " + type.getName() + " keep their guards");
            return null;
        }
    }

    /**
     * Describes the class from its own bytes; its supertypes and annotation types only if asked,
     * from its loader or, for the heapguard-api annotation types even when the loader hides them,
     * from the system loader. A type none of them has is described by a stand-in ({@link StandInTypes}).
     */
    private static TypePool typePool(String className, byte[] classFile, ClassLoader loader, StandInTypes types) {
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(className, classFile),
                ClassFileLocator.ForClassLoader.of(loader),
                new ApiClassFiles());
        return new TypePool.Default.WithLazyResolution(types, locator, TypePool.Default.ReaderMode.FAST);
    }

    private Advice adviceFor(GuardedMethod guarded, MethodDescription method) {
        Class<?> enter;
        Class<?> exit;
        if (guarded.fallback() != null) {
            enter = EnterOrFallback.class;
            if (guarded.async()) {
                exit = ExitFallbackWhenComplete.class;
            } else {
                exit = method.getReturnType().represents(void.class) ? ExitFallbackVoid.class : ExitFallbackValue.class;
            }
        } else {
            enter = guarded.estimator().compiles() ? EnterWithEstimate.class
                    : guarded.estimator().needsArguments() ? EnterWithArguments.class : EnterWithoutArguments.class;
            exit = guarded.async() ? ExitReleaseWhenComplete.class : ExitRelease.class;
        }
        return adviceCode.forMethod(enter, exit, guarded.id(),
                ArgumentFrameMapping.storing(guarded.storedArguments(method.getParameters().size())),
                new EstimateCodeMapping(guarded.estimator()));
    }

    private static boolean isWeavable(TypeDescription type, MethodDescription method) {
        if (method.isAbstract() || method.isNative()) {
            InternalLog.shared().warnOnce("abstract:" + type.getName() + "#" + method.getName(), "@MemoryAware on "
                    + (method.isNative() ? "native" : "abstract") + " method " + GuardedMethodFactory.displayName(type.getName(), method)
                    + " is ignored: annotate the implementing method instead");
            return false;
        }
        return method.isMethod();
    }

    /**
     * Bridges and other synthetic methods: javac copies {@code @MemoryAware} onto the bridge of a
     * generic or covariant override, and the bridge only forwards to the annotated method.
     */
    private static boolean isCompilerGenerated(MethodDescription method) {
        return method.isBridge() || method.isSynthetic();
    }

    private static boolean isHook(TypeDescription type, MethodDescription method) {
        if (method.getParameters().isEmpty() && !method.isAbstract()) {
            return true;
        }
        InternalLog.shared().warnOnce("hook:" + type.getName() + "#" + method.getName(), "@OnMemoryPressure on "
                + GuardedMethodFactory.displayName(type.getName(), method)
                + " is ignored: it must be a non-abstract method without parameters");
        return false;
    }

    private static AnnotationDescription annotation(MethodDescription method, String annotationName) {
        for (AnnotationDescription annotation : method.getDeclaredAnnotations()) {
            if (annotation.getAnnotationType().getName().equals(annotationName)) {
                return annotation;
            }
        }
        return null;
    }

    /**
     * The advice classes, read once from the agent jar. They are described from their class files
     * (a {@link TypePool}), not by reflection: reflection on their annotations made the JDK generate
     * a proxy class per annotation type, a measurable part of the first weave.
     */
    private static final class AdviceCode {
        private final ClassFileLocator classFiles;
        private final TypePool types;

        /** One per agent: the warm-up and the weaver read the same class files (the pool is thread-safe). */
        static AdviceCode shared() {
            return Shared.INSTANCE;
        }

        private static final class Shared {
            static final AdviceCode INSTANCE = new AdviceCode();
        }

        private AdviceCode() {
            ClassLoader agentLoader = ClassWeaver.class.getClassLoader();
            ClassFileLocator own = ClassFileLocator.ForClassLoader.of(agentLoader);
            Map<String, byte[]> adviceClassFiles = new HashMap<>();
            try {
                for (Class<?> advice : ADVICE_CLASSES) {
                    adviceClassFiles.put(advice.getName(), own.locate(advice.getName()).resolve());
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("heapguard agent jar is damaged: cannot read its advice classes", e);
            }
            this.classFiles = new ClassFileLocator.Simple(adviceClassFiles);
            // the annotations the advice refers to come from the agent's own loader; FallbackResult (named
            // by skipOn) lives on the bootstrap class path, whose class files no loader is sure to serve:
            // it is described from the loaded class (a small class without annotations, so cheap)
            TypePool.CacheProvider cache = new TypePool.CacheProvider.Simple();
            cache.register(FallbackResult.class.getName(),
                    new TypePool.Resolution.Simple(TypeDescription.ForLoadedType.of(FallbackResult.class)));
            cache.register(ArgumentFrame.class.getName(),
                    new TypePool.Resolution.Simple(TypeDescription.ForLoadedType.of(ArgumentFrame.class)));
            this.types = new TypePool.Default.WithLazyResolution(cache, new ClassFileLocator.Compound(classFiles, own),
                    TypePool.Default.ReaderMode.FAST);
        }

        Advice forMethod(Class<?> enter, Class<?> exit, int methodId, ArgumentFrameMapping arguments,
                         EstimateCodeMapping estimate) {
            return Advice.withCustomMapping().bind(WovenMethodId.class, methodId)
                    .bind(WovenArguments.class, arguments)
                    .bind(WovenEstimate.class, estimate)
                    .to(describe(enter), describe(exit), classFiles);
        }

        Advice forConstructor(int hookSetId) {
            return Advice.withCustomMapping().bind(WovenMethodId.class, hookSetId)
                    .to(describe(ExitRegisterPressureHooks.class), classFiles);
        }

        private TypeDescription describe(Class<?> advice) {
            return types.describe(advice.getName()).resolve();
        }
    }
}
