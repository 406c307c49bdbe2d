package io.heapguard.agent.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;

/**
 * Parameter names for estimate expressions. From the class file's {@code MethodParameters} when a
 * class is loaded; when an already-loaded class is retransformed (runtime attach) the JVM hands over
 * a reconstituted class file without that attribute, so the names come from reflection on the
 * loaded class, which still has them. Without {@code -parameters} they are {@code arg0, arg1, ...}.
 */
final class ParameterNames {

    private ParameterNames() {
    }

    static List<String> of(MethodDescription method, Class<?> loadedType) {
        if (loadedType != null) {
            List<String> reflected = reflected(method, loadedType);
            if (reflected != null) {
                return reflected;
            }
        }
        List<String> names = new ArrayList<>();
        for (ParameterDescription parameter : method.getParameters()) {
            names.add(parameter.getName());
        }
        return names;
    }

    private static List<String> reflected(MethodDescription method, Class<?> loadedType) {
        try {
            for (Method candidate : loadedType.getDeclaredMethods()) {
                if (candidate.getName().equals(method.getName()) && sameParameterTypes(candidate, method)) {
                    List<String> names = new ArrayList<>();
                    for (Parameter parameter : candidate.getParameters()) {
                        names.add(parameter.getName());
                    }
                    return names;
                }
            }
        } catch (RuntimeException | LinkageError unreadable) {
            // fall back to what the class file says
        }
        return null;
    }

    private static boolean sameParameterTypes(Method candidate, MethodDescription method) {
        Class<?>[] types = candidate.getParameterTypes();
        if (types.length != method.getParameters().size()) {
            return false;
        }
        for (int i = 0; i < types.length; i++) {
            if (!types[i].getName().equals(method.getParameters().get(i).getType().asErasure().getName())) {
                return false;
            }
        }
        return true;
    }
}
