package io.heapguard.agent.targets;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the already-loaded classes a target may apply to, so they can be retransformed: at start-up
 * (JDK classes such as {@code java.util.Base64$Decoder} are often loaded before {@code premain}) and on
 * runtime attach (the whole running application). Reflection by name only; the transformer then decides
 * method by method exactly as for a class loaded later.
 */
public final class LoadedTargets {

    private LoadedTargets() {
    }

    public static List<Class<?>> find(Instrumentation instrumentation, TargetIndex index, ClassLoader agentLoader) {
        List<Class<?>> found = new ArrayList<>();
        if (index.isEmpty()) {
            return found;
        }
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (type.isArray() || type.isPrimitive() || type.getClassLoader() == agentLoader
                    || !instrumentation.isModifiableClass(type)) {
                continue;
            }
            try {
                if (index.namesClass(type.getName()) || isTargetedSubtype(type, index)) {
                    found.add(type);
                }
            } catch (Throwable unreadable) {
                // a class whose supertypes or methods cannot be resolved is not ours to fix
            }
        }
        return found;
    }

    private static boolean isTargetedSubtype(Class<?> type, TargetIndex index) {
        if (index.subtypeTargets().isEmpty() || type.isInterface()) {
            return false;
        }
        for (Target target : index.subtypeTargets()) {
            if (hasSupertypeNamed(type, target.className()) && declaresMethodNamed(type, target.methodName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSupertypeNamed(Class<?> type, String name) {
        if (type == null) {
            return false;
        }
        if (type.getName().equals(name)) {
            return true;
        }
        for (Class<?> implemented : type.getInterfaces()) {
            if (hasSupertypeNamed(implemented, name)) {
                return true;
            }
        }
        return hasSupertypeNamed(type.getSuperclass(), name);
    }

    private static boolean declaresMethodNamed(Class<?> type, String name) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
