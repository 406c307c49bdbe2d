package io.heapguard.agent.internal;

import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

import io.heapguard.core.HeapGuard;

/**
 * Registers {@code @OnMemoryPressure} methods with the guard. Static methods are registered when
 * their class is transformed and resolved (reflectively, by name) when the guard first runs them;
 * instance methods register each new instance weakly from constructor exit advice.
 */
final class PressureHooks {

    private final HeapGuard guard;
    private final IdRegistry<InstanceHookSet> instanceHookSets = new IdRegistry<>();
    /**
     * Constructor chaining ({@code this(...)}) runs the exit advice of two constructors for one
     * instance, on one thread, one after the other: remembering the last instance per thread skips
     * the second registration.
     */
    private final ThreadLocal<WeakReference<Object>> lastRegistered = new ThreadLocal<>();
    /** Static hooks registered so far, per class loader: retransforming a class weaves it again. */
    private final Map<ClassLoader, Set<String>> registeredStatic = new WeakHashMap<>();

    PressureHooks(HeapGuard guard) {
        this.guard = guard;
    }

    void registerStatic(ClassLoader loader, String className, String methodName) {
        String hookName = HookNames.of(className, methodName);
        synchronized (registeredStatic) {
            if (!registeredStatic.computeIfAbsent(loader, any -> new HashSet<>()).add(hookName)) {
                return;
            }
        }
        WeakReference<ClassLoader> loaderRef = new WeakReference<>(loader);
        guard.registerCleanupHook(hookName, () -> {
            ClassLoader owner = loaderRef.get();
            if (owner == null && loader != null) {
                return 0L; // the application unloaded the class: nothing left to free
            }
            Method method = Class.forName(className, false, owner).getDeclaredMethod(methodName);
            method.setAccessible(true);
            return bytesFreed(method.invoke(null));
        });
    }

    /** Returns the id the constructor advice of {@code className} is bound to. */
    int defineInstanceHooks(String className, List<String> methodNames) {
        return instanceHookSets.register(id -> new InstanceHookSet(className, List.copyOf(methodNames)));
    }

    void constructed(int hookSetId, Object instance) {
        WeakReference<Object> last = lastRegistered.get();
        if (last != null && last.get() == instance) {
            return;
        }
        lastRegistered.set(new WeakReference<>(instance));
        InstanceHookSet set = instanceHookSets.get(hookSetId);
        Class<?> declaring = set.declaringClassOf(instance);
        for (String methodName : set.methodNames()) {
            try {
                Method method = declaring.getDeclaredMethod(methodName);
                method.setAccessible(true);
                guard.registerCleanupHook(HookNames.of(set.className(), methodName), instance,
                        target -> invokeHook(method, target));
            } catch (NoSuchMethodException | RuntimeException e) {
                guard.recordInternalError("register @OnMemoryPressure " + HookNames.of(set.className(), methodName), e);
            }
        }
    }

    private static long invokeHook(Method method, Object target) {
        try {
            return bytesFreed(method.invoke(target));
        } catch (InvocationTargetException e) {
            throw FallbackInvoker.Sneaky.<RuntimeException>rethrow(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long bytesFreed(Object returned) {
        return returned instanceof Number number ? number.longValue() : -1L;
    }

    private record InstanceHookSet(String className, List<String> methodNames) {
        Class<?> declaringClassOf(Object instance) {
            for (Class<?> type = instance.getClass(); type != null; type = type.getSuperclass()) {
                if (type.getName().equals(className)) {
                    return type;
                }
            }
            throw new IllegalStateException(instance.getClass().getName() + " does not extend " + className);
        }
    }

    /** Hook names as shown in stats: {@code SimpleClassName#method}. */
    static final class HookNames {
        private HookNames() {
        }

        static String of(String className, String methodName) {
            return OperationNames.simpleName(className) + "#" + methodName;
        }
    }
}
