package io.heapguard.agent.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;


/**
 * Calls a rejected method's fallback. The fallback was found and checked against the guarded method
 * when the class was transformed; the reflective handle is resolved on the first rejection (the
 * class did not exist yet at transformation time) and reused. Rejections are the slow path.
 */
final class FallbackInvoker {

    private final String methodName;
    private final List<String> parameterTypeNames;
    private final boolean passesRejection;
    private volatile Method method;

    /**
     * @param parameterTypeNames the fallback's parameter types ({@link Class#getName()} form), including
     *                           the trailing {@code MemoryGuardException} when {@code passesRejection}
     */
    FallbackInvoker(String methodName, List<String> parameterTypeNames, boolean passesRejection) {
        this.methodName = methodName;
        this.parameterTypeNames = List.copyOf(parameterTypeNames);
        this.passesRejection = passesRejection;
    }

    /** @param rejection the rejection as the class sees it (its own copy of MemoryGuardException, usually ours) */
    Object invoke(Class<?> declaringType, Object self, Object[] arguments, RuntimeException rejection) {
        Method target = method;
        if (target == null) {
            target = resolve(declaringType);
        }
        Object[] callArguments = arguments;
        if (passesRejection) {
            callArguments = Arrays.copyOf(arguments, arguments.length + 1);
            callArguments[arguments.length] = rejection;
        }
        try {
            return target.invoke(Modifier.isStatic(target.getModifiers()) ? null : self, callArguments);
        } catch (InvocationTargetException e) {
            throw Sneaky.<RuntimeException>rethrow(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("heapguard cannot call fallback " + declaringType.getName() + "#" + methodName, e);
        }
    }

    private Method resolve(Class<?> declaringType) {
        for (Method candidate : declaringType.getDeclaredMethods()) {
            if (candidate.getName().equals(methodName) && parameterTypesMatch(candidate)) {
                candidate.setAccessible(true);
                method = candidate;
                return candidate;
            }
        }
        throw new IllegalStateException("heapguard: fallback " + declaringType.getName() + "#" + methodName
                + parameterTypeNames + " disappeared after transformation");
    }

    private boolean parameterTypesMatch(Method candidate) {
        Class<?>[] types = candidate.getParameterTypes();
        if (types.length != parameterTypeNames.size()) {
            return false;
        }
        for (int i = 0; i < types.length; i++) {
            if (!types[i].getName().equals(parameterTypeNames.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Rethrows any throwable, checked or not, without wrapping: the fallback's own exception reaches the caller. */
    static final class Sneaky {
        private Sneaky() {
        }

        @SuppressWarnings("unchecked")
        static <E extends Throwable> E rethrow(Throwable error) throws E {
            throw (E) error;
        }
    }
}
