package io.heapguard.agent.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.heapguard.agent.internal.advice.EnterOrFallback;
import io.heapguard.agent.internal.advice.EnterWithArguments;
import io.heapguard.agent.internal.advice.EnterWithoutArguments;
import io.heapguard.agent.internal.advice.ExitFallbackValue;
import io.heapguard.agent.internal.advice.ExitFallbackVoid;
import io.heapguard.agent.internal.advice.ExitFallbackWhenComplete;
import io.heapguard.agent.internal.advice.ExitRegisterPressureHooks;
import io.heapguard.agent.internal.advice.ExitRelease;
import io.heapguard.agent.internal.advice.ExitReleaseWhenComplete;
import io.heapguard.agent.internal.advice.WovenMethodId;
import io.heapguard.agent.targets.Target;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.auxiliary.AuxiliaryType;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Weaves one class file: {@code @MemoryAware} methods, and methods a configured target names
 * ({@link TargetWeaving}), get enter/exit advice bound to their registry id, constructors of classes
 * with {@code @OnMemoryPressure} instance methods get a registration call, static
 * {@code @OnMemoryPressure} methods are registered. Only method bodies change, so the
 * same code serves class loading and retransformation of already-loaded classes.
 *
 * <p>Byte Buddy's {@link Advice} runs as a plain ASM visitor between a {@link ClassReader} and a
 * {@link ClassWriter}, not through {@code ByteBuddy.redefine}: the builder machinery would load a few
 * hundred more classes for nothing we need and made the first weave ~130 ms slower (docs/benchmarks.md).
 * Creating this class still loads Byte Buddy, so it is created only for the first class that
 * mentions the annotations, or ahead of time by {@link #preload}.
 */
final class ClassWeaver {

    static final String ON_MEMORY_PRESSURE = "io.heapguard.OnMemoryPressure";

    private static final List<Class<?>> ADVICE_CLASSES = List.of(EnterWithoutArguments.class,
            EnterWithArguments.class, EnterOrFallback.class, ExitRelease.class, ExitReleaseWhenComplete.class,
            ExitFallbackVoid.class, ExitFallbackValue.class, ExitFallbackWhenComplete.class,
            ExitRegisterPressureHooks.class);
    /** Every enter and exit advice {@link #adviceFor} can choose, each at least once, in pairs that fit. */
    private static final List<Class<?>[]> PRELOAD_ADVICE = List.of(
            new Class<?>[] {EnterWithoutArguments.class, ExitRelease.class},
            new Class<?>[] {EnterWithArguments.class, ExitReleaseWhenComplete.class},
            new Class<?>[] {EnterOrFallback.class, ExitFallbackVoid.class},
            new Class<?>[] {EnterOrFallback.class, ExitFallbackValue.class},
            new Class<?>[] {EnterOrFallback.class, ExitFallbackWhenComplete.class});
    /** Bound into advice that is built only to be thrown away ({@link #preload}). */
    private static final int NO_METHOD_ID = -1;

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
            advice.add(adviceCode.forMethod(pair[0], pair[1], NO_METHOD_ID));
        }
        TypePool pool = typePool(className, classFile, ClassWeaver.class.getClassLoader());
        TypeDescription type = pool.describe(className).resolve();
        AsmVisitorWrapper.ForDeclaredMethods wrapper = new AsmVisitorWrapper.ForDeclaredMethods();
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            AnnotationDescription memoryAware = annotation(method, MemoryAwareValues.ANNOTATION_NAME);
            if (memoryAware != null && method.isMethod()) {
                MemoryAwareValues.read(memoryAware);
                // the plain pair fits every method shape
                wrapper = wrapper.invokable(exactly(method), advice.get(0));
            }
        }
        wrapper = wrapper.invokable(ElementMatchers.isConstructor(), adviceCode.forConstructor(NO_METHOD_ID));
        apply(type, pool, classFile, wrapper);
    }

    /**
     * The woven class file, or null when the class has nothing to weave.
     *
     * @param loadedType the class when an already-loaded class is retransformed, else null
     */
    byte[] weave(ClassLoader loader, String internalName, byte[] classFile, Class<?> loadedType) {
        String className = internalName.replace('/', '.');
        TypePool pool = typePool(className, classFile, loader);
        TypeDescription type = pool.describe(className).resolve();

        AsmVisitorWrapper.ForDeclaredMethods wrapper = new AsmVisitorWrapper.ForDeclaredMethods();
        boolean woven = false;
        List<String> instanceHooks = new ArrayList<>();
        List<Target> targeting = targets.candidates(type);
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            AnnotationDescription memoryAware = annotation(method, MemoryAwareValues.ANNOTATION_NAME);
            if (memoryAware != null && isWeavable(type, method)) {
                GuardedMethod guarded = methodFactory.register(loader, type, method, MemoryAwareValues.read(memoryAware),
                        loadedType);
                wrapper = wrapper.invokable(exactly(method), adviceFor(guarded, method));
                woven = true;
                targets.annotationWins(type, method, targeting);
            } else if (memoryAware == null && !targeting.isEmpty()) {
                // configured targets: guarded exactly like an annotated method (docs/guard-a-library-method.md)
                GuardedMethod guarded = targets.register(methodFactory, loader, type, method, targeting, loadedType);
                if (guarded != null) {
                    wrapper = wrapper.invokable(exactly(method), adviceFor(guarded, method));
                    woven = true;
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
            wrapper = wrapper.invokable(ElementMatchers.isConstructor(), adviceCode.forConstructor(hookSetId));
            woven = true;
        }
        return woven ? apply(type, pool, classFile, wrapper) : null;
    }

    /**
     * Describes the class from its own bytes; its supertypes and annotation types only if asked,
     * from its loader or, for the heapguard-api annotation types even when the loader hides them,
     * from the system loader.
     */
    private static TypePool typePool(String className, byte[] classFile, ClassLoader loader) {
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(className, classFile),
                ClassFileLocator.ForClassLoader.of(loader),
                ClassFileLocator.ForClassLoader.ofSystemLoader());
        return new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(), locator,
                TypePool.Default.ReaderMode.FAST);
    }

    /** Reads the class, lets the advice rewrite the matched methods, writes it; nothing else changes. */
    private static byte[] apply(TypeDescription type, TypePool pool, byte[] classFile,
                                AsmVisitorWrapper.ForDeclaredMethods wrapper) {
        int writerFlags = wrapper.mergeWriter(0);
        int readerFlags = wrapper.mergeReader(0);
        ClassFileVersion version = ClassFileVersion.ofClassFile(classFile);
        ClassReader reader = OpenedClassReader.of(classFile);
        ClassWriter writer = new ClassWriter(reader, writerFlags);
        // Advice reads only the class file version from the context; it defines no helper types
        Implementation.Context context = Implementation.Context.Disabled.Factory.INSTANCE.make(type,
                new AuxiliaryType.NamingStrategy.Suffixing("heapguard"), TypeInitializer.None.INSTANCE, version, version,
                Implementation.Context.FrameGeneration.DISABLED);
        ClassVisitor visitor = wrapper.wrap(type, writer, context, pool, type.getDeclaredFields(),
                type.getDeclaredMethods(), writerFlags, readerFlags);
        reader.accept(visitor, readerFlags);
        return writer.toByteArray();
    }

    private static net.bytebuddy.matcher.ElementMatcher<MethodDescription> exactly(MethodDescription method) {
        return ElementMatchers.named(method.getName()).and(ElementMatchers.hasDescriptor(method.getDescriptor()));
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
            enter = guarded.estimator().needsArguments() ? EnterWithArguments.class : EnterWithoutArguments.class;
            exit = guarded.async() ? ExitReleaseWhenComplete.class : ExitRelease.class;
        }
        return adviceCode.forMethod(enter, exit, guarded.id());
    }

    private static boolean isWeavable(TypeDescription type, MethodDescription method) {
        if (method.isAbstract() || method.isNative()) {
            AgentLog.warnOnce("abstract:" + type.getName() + "#" + method.getName(), "@MemoryAware on "
                    + (method.isNative() ? "native" : "abstract") + " method " + GuardedMethodFactory.displayName(type.getName(), method)
                    + " is ignored: annotate the implementing method instead");
            return false;
        }
        return method.isMethod();
    }

    private static boolean isHook(TypeDescription type, MethodDescription method) {
        if (method.getParameters().isEmpty() && !method.isAbstract()) {
            return true;
        }
        AgentLog.warnOnce("hook:" + type.getName() + "#" + method.getName(), "@OnMemoryPressure on "
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
            // the annotations and the dispatcher the advice refers to come from the agent's own loader
            this.types = new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(),
                    new ClassFileLocator.Compound(classFiles, own), TypePool.Default.ReaderMode.FAST);
        }

        Advice forMethod(Class<?> enter, Class<?> exit, int methodId) {
            return Advice.withCustomMapping().bind(WovenMethodId.class, methodId)
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
