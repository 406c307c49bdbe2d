package io.heapguard.agent.internal;

import java.lang.annotation.Annotation;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import io.heapguard.core.InternalLog;

/**
 * After a runtime attach: finds the already-loaded classes that declare {@code @MemoryAware} or
 * {@code @OnMemoryPressure} methods (by annotation name) and retransforms them, so the gate weaves
 * them like classes loaded later. Advice only changes method bodies, which retransformation allows.
 */
final class LoadedClassRetransformer {

    private LoadedClassRetransformer() {
    }

    static void retransformAnnotated(Instrumentation instrumentation, ClassLoader agentLoader) {
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        List<Class<?>> annotated = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            ClassLoader loader = type.getClassLoader();
            if (loader == null || loader == agentLoader || loader == platform || type.isArray()
                    || !instrumentation.isModifiableClass(type)) {
                continue;
            }
            if (declaresGuardAnnotations(type)) {
                annotated.add(type);
            }
        }
        for (Class<?> type : annotated) {
            try {
                instrumentation.retransformClasses(type);
            } catch (Throwable e) {
                InternalLog.shared().warn("cannot retransform " + type.getName() + "; its @MemoryAware methods stay unguarded: " + e);
            }
        }
        InternalLog.shared().info("attached: woven " + annotated.size() + " already-loaded class(es) with heapguard annotations");
    }

    private static boolean declaresGuardAnnotations(Class<?> type) {
        try {
            for (Method method : type.getDeclaredMethods()) {
                for (Annotation annotation : method.getDeclaredAnnotations()) {
                    String name = annotation.annotationType().getName();
                    if (name.equals(MemoryAwareValues.ANNOTATION_NAME) || name.equals(ClassWeaver.ON_MEMORY_PRESSURE)) {
                        return true;
                    }
                }
            }
        } catch (Throwable unreadable) {
            // a class whose methods cannot be resolved (missing dependency) is not ours to fix
        }
        return false;
    }
}
