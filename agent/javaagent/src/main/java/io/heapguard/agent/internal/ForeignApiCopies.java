package io.heapguard.agent.internal;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Array;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

import io.heapguard.GuardStats;
import io.heapguard.MemoryGuardException;
import io.heapguard.Reservation;
import io.heapguard.core.HeapGuard;
import io.heapguard.core.InternalLog;

/**
 * heapguard-api classes an application loaded itself before a runtime attach. With {@code -javaagent}
 * there are none (the bootstrap copy is in place before any application class loads); after an
 * attach, copies already loaded by application class loaders stay in use there. For those loaders
 * this bridges the two: rejections are re-thrown as the application's exception class, and the
 * application's {@code MemoryGuard} facade is connected to the guard through a proxy backend.
 */
final class ForeignApiCopies {

    private static final String EXCEPTION = "io.heapguard.MemoryGuardException";
    private static final String BACKENDS = "io.heapguard.spi.GuardBackends";

    private final Map<ClassLoader, Class<?>> exceptions;
    private final Map<ClassLoader, Class<?>> backends;
    private final Map<ClassLoader, RejectionTranslator> translators = Collections.synchronizedMap(new IdentityHashMap<>());

    private ForeignApiCopies(Map<ClassLoader, Class<?>> exceptions, Map<ClassLoader, Class<?>> backends) {
        this.exceptions = exceptions;
        this.backends = backends;
    }

    static ForeignApiCopies none() {
        return new ForeignApiCopies(Map.of(), Map.of());
    }

    static ForeignApiCopies find(Instrumentation instrumentation) {
        Map<ClassLoader, Class<?>> exceptions = new IdentityHashMap<>();
        Map<ClassLoader, Class<?>> backends = new IdentityHashMap<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            ClassLoader loader = type.getClassLoader();
            if (loader == null) {
                continue;
            }
            if (type.getName().equals(EXCEPTION)) {
                exceptions.put(loader, type);
            } else if (type.getName().equals(BACKENDS)) {
                backends.put(loader, type);
            }
        }
        return new ForeignApiCopies(exceptions, backends);
    }

    /** How rejections must be thrown into classes defined by {@code loader} (parent-first delegation assumed). */
    RejectionTranslator translatorFor(ClassLoader loader) {
        if (exceptions.isEmpty()) {
            return RejectionTranslator.SAME_CLASS;
        }
        for (ClassLoader current = loader; current != null; current = current.getParent()) {
            Class<?> foreign = exceptions.get(current);
            if (foreign != null) {
                ClassLoader owner = current;
                return translators.computeIfAbsent(owner, ignored -> {
                    try {
                        return RejectionTranslator.toForeignCopy(foreign);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        InternalLog.shared().warnOnce("foreign-exception:" + owner, "cannot bridge the application's own "
                                + EXCEPTION + " in " + owner + ": " + e + "; rejections there are thrown as the agent's class");
                        return RejectionTranslator.SAME_CLASS;
                    }
                });
            }
        }
        return RejectionTranslator.SAME_CLASS;
    }

    /** Connects each application copy of the {@code MemoryGuard} facade to the guard. */
    void installFacades(HeapGuard guard) {
        backends.forEach((loader, guardBackends) -> {
            try {
                Class<?> backendType = Class.forName("io.heapguard.spi.GuardBackend", false, loader);
                Object backend = Proxy.newProxyInstance(loader, new Class<?>[] {backendType},
                        (proxy, method, args) -> switch (method.getName()) {
                            case "reserve" -> reserve(guard, loader, (String) args[0], (Long) args[1], (Integer) args[2],
                                    (Long) args[3]);
                            case "stats" -> stats(guard, loader);
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "heapguard backend bridge for " + loader;
                        });
                guardBackends.getMethod("install", backendType).invoke(null, backend);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                InternalLog.shared().warn("cannot connect the application's own MemoryGuard facade in " + loader + ": " + e);
            }
        });
    }

    private Object reserve(HeapGuard guard, ClassLoader loader, String operation, long bytes, int priority,
                           long maxWaitMillis) throws ClassNotFoundException {
        Reservation reservation;
        try {
            reservation = guard.reserve(operation, bytes, priority, maxWaitMillis);
        } catch (MemoryGuardException rejection) {
            throw translatorFor(loader).translate(rejection);
        }
        Class<?> reservationType = Class.forName("io.heapguard.Reservation", false, loader);
        return Proxy.newProxyInstance(loader, new Class<?>[] {reservationType}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "operation" -> reservation.operation();
                    case "bytes" -> reservation.bytes();
                    case "close" -> {
                        reservation.close();
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> reservation.toString();
                });
    }

    private static Object stats(HeapGuard guard, ClassLoader loader) throws ReflectiveOperationException {
        return copyOf(guard.stats(), Class.forName("io.heapguard.GuardStats", false, loader));
    }

    /**
     * The stats as an instance of another copy of the {@code GuardStats} record, component by
     * component and by name, so the copy's shape is read, not assumed: an older copy with fewer
     * components gets those it has; a component this version lacks is the type's zero value.
     */
    static Object copyOf(GuardStats stats, Class<?> foreignRecord) throws ReflectiveOperationException {
        RecordComponent[] components = foreignRecord.getRecordComponents();
        if (components == null) {
            throw new NoSuchMethodException(foreignRecord + " is not a record");
        }
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = componentValue(stats, components[i].getName(), types[i]);
        }
        return foreignRecord.getDeclaredConstructor(types).newInstance(values);
    }

    private static Object componentValue(GuardStats stats, String name, Class<?> type)
            throws ReflectiveOperationException {
        for (RecordComponent ours : GuardStats.class.getRecordComponents()) {
            if (ours.getName().equals(name) && ours.getType() == type) {
                return ours.getAccessor().invoke(stats);
            }
        }
        if (!type.isPrimitive()) {
            return null;
        }
        return type == boolean.class ? Boolean.FALSE : Array.get(Array.newInstance(type, 1), 0);
    }
}
