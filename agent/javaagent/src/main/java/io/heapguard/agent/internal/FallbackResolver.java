package io.heapguard.agent.internal;

import java.util.ArrayList;
import java.util.List;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Finds and checks a {@code FALLBACK} method when the guarded class is transformed: same class, same
 * parameter types, optionally a trailing {@code MemoryGuardException}, a return type the guarded
 * method can return, and static when the guarded method is static. A mismatch is reported like a
 * bad estimate expression.
 */
final class FallbackResolver {

    private static final String REJECTION_TYPE = "io.heapguard.MemoryGuardException";

    private FallbackResolver() {
    }

    /** The invoker, or throws {@link InvalidAnnotationException} saying what is wrong and what would fit. */
    static FallbackInvoker resolve(TypeDescription type, MethodDescription guarded, String fallbackName) {
        if (fallbackName.isEmpty()) {
            throw new InvalidAnnotationException("onReject = FALLBACK needs fallback = \"<method name>\"");
        }
        List<String> wanted = erasedParameterNames(guarded);
        MethodDescription withRejection = null;
        MethodDescription plain = null;
        List<String> seen = new ArrayList<>();
        for (MethodDescription candidate : type.getDeclaredMethods()) {
            if (!candidate.getName().equals(fallbackName) || candidate.isConstructor() || candidate.isAbstract()) {
                continue;
            }
            seen.add(candidate.toString());
            List<String> parameters = erasedParameterNames(candidate);
            if (parameters.equals(wanted)) {
                plain = candidate;
            } else if (parameters.size() == wanted.size() + 1
                    && parameters.subList(0, wanted.size()).equals(wanted)
                    && parameters.get(wanted.size()).equals(REJECTION_TYPE)) {
                withRejection = candidate;
            }
        }
        MethodDescription chosen = withRejection != null ? withRejection : plain;
        String expected = fallbackName + "(" + String.join(", ", wanted) + "[, " + REJECTION_TYPE + "])";
        if (chosen == null) {
            throw new InvalidAnnotationException("fallback method " + expected + " not found in " + type.getName()
                    + (seen.isEmpty() ? "" : "; methods with that name: " + seen));
        }
        if (guarded.isStatic() && !chosen.isStatic()) {
            throw new InvalidAnnotationException("fallback " + chosen + " must be static, like the guarded method");
        }
        if (!returnTypeFits(guarded.getReturnType().asErasure(), chosen.getReturnType().asErasure())) {
            throw new InvalidAnnotationException("fallback " + chosen + " returns " + chosen.getReturnType().asErasure().getName()
                    + ", which " + guarded.getName() + " cannot return (" + guarded.getReturnType().asErasure().getName() + ")");
        }
        return new FallbackInvoker(fallbackName, erasedParameterNames(chosen), chosen == withRejection);
    }

    private static boolean returnTypeFits(TypeDescription guarded, TypeDescription fallback) {
        if (guarded.isPrimitive() || fallback.isPrimitive()) {
            return guarded.equals(fallback);
        }
        try {
            return fallback.isAssignableTo(guarded);
        } catch (RuntimeException unresolvable) {
            return true; // types we cannot read here are checked by the JVM when the fallback returns
        }
    }

    private static List<String> erasedParameterNames(MethodDescription method) {
        List<String> names = new ArrayList<>();
        for (ParameterDescription parameter : method.getParameters()) {
            names.add(parameter.getType().asErasure().getName());
        }
        return names;
    }
}
