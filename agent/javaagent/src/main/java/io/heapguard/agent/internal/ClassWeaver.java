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
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

/**
 * Weaves one class file: {@code @MemoryAware} methods get enter/exit advice bound to their registry
 * id, constructors of classes with {@code @OnMemoryPressure} instance methods get a registration
 * call, static {@code @OnMemoryPressure} methods are registered. Only method bodies change, so the
 * same code serves class loading and retransformation of already-loaded classes.
 *
 * <p>Loading this class loads Byte Buddy (a few hundred ms): it is created only when the first class
 * that mentions the annotations is seen.
 */
final class ClassWeaver {

    static final String ON_MEMORY_PRESSURE = "io.heapguard.OnMemoryPressure";

    private static final List<Class<?>> ADVICE_CLASSES = List.of(EnterWithoutArguments.class,
            EnterWithArguments.class, EnterOrFallback.class, ExitRelease.class, ExitReleaseWhenComplete.class,
            ExitFallbackVoid.class, ExitFallbackValue.class, ExitFallbackWhenComplete.class,
            ExitRegisterPressureHooks.class);

    /** Redefinition that keeps the class shape: no validation, no synthetic members, declared methods only. */
    private final ByteBuddy byteBuddy = new ByteBuddy()
            .with(TypeValidation.DISABLED)
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
            .with(Implementation.Context.Disabled.Factory.INSTANCE);
    private final ClassFileLocator adviceClassFiles;
    private final GuardedMethodFactory methodFactory;
    private final PressureHooks pressureHooks;

    ClassWeaver(GuardedMethodFactory methodFactory, PressureHooks pressureHooks) {
        this.methodFactory = methodFactory;
        this.pressureHooks = pressureHooks;
        this.adviceClassFiles = readAdviceClassFiles();
    }

    /** Reads the advice class files once; Byte Buddy copies their code into every woven method. */
    private static ClassFileLocator readAdviceClassFiles() {
        ClassFileLocator own = ClassFileLocator.ForClassLoader.of(ClassWeaver.class.getClassLoader());
        Map<String, byte[]> classFiles = new HashMap<>();
        try {
            for (Class<?> advice : ADVICE_CLASSES) {
                classFiles.put(advice.getName(), own.locate(advice.getName()).resolve());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("heapguard agent jar is damaged: cannot read its advice classes", e);
        }
        return new ClassFileLocator.Simple(classFiles);
    }

    /**
     * The woven class file, or null when the class has nothing to weave.
     *
     * @param loadedType the class when an already-loaded class is retransformed, else null
     */
    byte[] weave(ClassLoader loader, String internalName, byte[] classFile, Class<?> loadedType) {
        String className = internalName.replace('/', '.');
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(className, classFile),
                ClassFileLocator.ForClassLoader.of(loader),
                // the heapguard-api annotation types, even when the loader hides them
                ClassFileLocator.ForClassLoader.ofSystemLoader());
        TypePool pool = new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(), locator,
                TypePool.Default.ReaderMode.FAST);
        TypeDescription type = pool.describe(className).resolve();

        DynamicType.Builder<?> builder = null;
        List<String> instanceHooks = new ArrayList<>();
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            AnnotationDescription memoryAware = annotation(method, MemoryAwareValues.ANNOTATION_NAME);
            if (memoryAware != null && isWeavable(type, method)) {
                GuardedMethod guarded = methodFactory.register(loader, type, method, MemoryAwareValues.read(memoryAware),
                        loadedType);
                builder = builder(builder, type, locator).visit(adviceFor(guarded, method)
                        .on(ElementMatchers.named(method.getName()).and(ElementMatchers.hasDescriptor(method.getDescriptor()))));
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
            builder = builder(builder, type, locator).visit(Advice.withCustomMapping()
                    .bind(WovenMethodId.class, hookSetId)
                    .to(ExitRegisterPressureHooks.class, adviceClassFiles)
                    .on(ElementMatchers.isConstructor()));
        }
        return builder == null ? null : builder.make().getBytes();
    }

    private DynamicType.Builder<?> builder(DynamicType.Builder<?> current, TypeDescription type, ClassFileLocator locator) {
        return current != null ? current : byteBuddy.redefine(type, locator);
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
        return Advice.withCustomMapping().bind(WovenMethodId.class, guarded.id()).to(enter, exit, adviceClassFiles);
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
}
