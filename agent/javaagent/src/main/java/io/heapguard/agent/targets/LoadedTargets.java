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
        Class<?>[] all = instrumentation.getAllLoadedClasses();
        // One pass by name first: in premain this runs over the ~800 JDK classes loaded so far, and a
        // name is all most of them need. A subtype target can only match below its class once that
        // class is loaded (a class is defined after its supertypes); the application's classes are not
        // loaded in premain, so the supertype walk is then skipped.
        List<Class<?>> named = new ArrayList<>();
        List<Target> loadedSubtypeTargets = new ArrayList<>();
        for (Class<?> type : all) {
            String name = type.getName();
            if (index.namesClass(name)) {
                named.add(type);
                for (Target target : index.subtypeTargets()) {
                    if (target.className().equals(name) && !loadedSubtypeTargets.contains(target)) {
                        loadedSubtypeTargets.add(target);
                    }
                }
            }
        }
        for (Class<?> type : loadedSubtypeTargets.isEmpty() ? named.toArray(new Class<?>[0]) : all) {
            if (type.isArray() || type.isPrimitive() || type.getClassLoader() == agentLoader
                    || !instrumentation.isModifiableClass(type)) {
                continue;
            }
            try {
                if (index.namesClass(type.getName()) || isTargetedSubtype(type, loadedSubtypeTargets)) {
                    found.add(type);
                }
            } catch (Throwable unreadable) {
                // a class whose supertypes or methods cannot be resolved is not ours to fix
            }
        }
        return found;
    }

    /** @param subtypeTargets the subtype targets whose class is loaded */
    private static boolean isTargetedSubtype(Class<?> type, List<Target> subtypeTargets) {
        if (subtypeTargets.isEmpty() || type.isInterface()) {
            return false;
        }
        for (Target target : subtypeTargets) {
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
