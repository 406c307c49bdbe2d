package io.heapguard.agent.estimate;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.heapguard.agent.config.ClosestMatch;

/**
 * Finds how to read a property on a runtime class, reflectively, once per (class, name); the result
 * is cached in a {@link ClassValue}, which lives and dies with the class (no class loader leak).
 *
 * <p>Lookup order: record component {@code name}, then public {@code getName()}, {@code isName()},
 * {@code name()} (no parameters, not static, not void, not declared by Object), then public field
 * {@code name}. Access goes through a public declaration where one exists (a private JDK class's
 * {@code size()} through {@code Collection.size()}), otherwise through
 * {@link java.lang.reflect.AccessibleObject#trySetAccessible()} (a private nested record of the
 * application).
 */
final class PropertyAccessors {

    private static final ClassValue<ConcurrentHashMap<String, PropertyAccessor>> BY_CLASS = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<String, PropertyAccessor> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private static final MethodType OBJECT_GETTER = MethodType.methodType(Object.class, Object.class);
    private static final MethodType NUMBER_GETTER = MethodType.methodType(double.class, Object.class);

    private PropertyAccessors() {
    }

    /** The accessor for {@code name} on {@code type}; a missing property yields a failing accessor. */
    static PropertyAccessor find(Class<?> type, String name) {
        ConcurrentHashMap<String, PropertyAccessor> byName = BY_CLASS.get(type);
        PropertyAccessor accessor = byName.get(name);
        return accessor != null ? accessor : byName.computeIfAbsent(name, n -> resolve(type, n));
    }

    private static PropertyAccessor resolve(Class<?> type, String name) {
        try {
            Member member = findMember(type, name);
            if (member == null) {
                return PropertyAccessor.missing(type, notFound(type, name));
            }
            MethodHandle handle = accessibleHandle(type, member);
            if (handle == null) {
                return PropertyAccessor.missing(type, "property '" + name + "' of " + type.getName() + " ("
                        + describe(member) + ") is not accessible: its class is not public and its module does"
                        + " not open the package to heapguard");
            }
            Class<?> valueType = handle.type().returnType();
            MethodHandle numberGetter = isPrimitiveNumber(valueType) ? handle.asType(NUMBER_GETTER) : null;
            return PropertyAccessor.found(type, handle.asType(OBJECT_GETTER), numberGetter, describe(member));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // broken class metadata (missing dependency, security manager): explain instead of crashing
            return PropertyAccessor.missing(type, "cannot read property '" + name + "' of " + type.getName()
                    + ": " + e);
        }
    }

    private static Member findMember(Class<?> type, String name) {
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals(name)) {
                    return component.getAccessor();
                }
            }
        }
        String capitalized = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        for (String methodName : List.of("get" + capitalized, "is" + capitalized, name)) {
            Method method = publicGetter(type, methodName);
            if (method != null) {
                return method;
            }
        }
        for (Field field : type.getFields()) {
            if (field.getName().equals(name) && !Modifier.isStatic(field.getModifiers())) {
                return field;
            }
        }
        return null;
    }

    private static Method publicGetter(Class<?> type, String methodName) {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(methodName) && isGetter(method)) {
                return method;
            }
        }
        return null;
    }

    private static boolean isGetter(Method method) {
        return method.getParameterCount() == 0 && method.getReturnType() != void.class
                && !Modifier.isStatic(method.getModifiers()) && method.getDeclaringClass() != Object.class;
    }

    /**
     * A handle for the member: through the nearest public class or interface that has it (the runtime
     * class itself first), else by suppressing access checks, else null.
     */
    private static MethodHandle accessibleHandle(Class<?> type, Member member) throws IllegalAccessException {
        MethodHandles.Lookup publicLookup = MethodHandles.publicLookup();
        for (Class<?> candidate : typeAndSupertypes(type)) {
            if (!isPubliclyAccessible(candidate)) {
                continue;
            }
            try {
                if (member instanceof Field field) {
                    return publicLookup.findGetter(candidate, field.getName(), field.getType());
                }
                Method declared = candidate.getMethod(member.getName());
                return publicLookup.findVirtual(candidate, declared.getName(),
                        MethodType.methodType(declared.getReturnType()));
            } catch (NoSuchFieldException | NoSuchMethodException | IllegalAccessException notHere) {
                // not declared (or not reachable) through this type: try the next one
            }
        }
        if (member instanceof Field field) {
            return field.trySetAccessible() ? MethodHandles.lookup().unreflectGetter(field) : null;
        }
        Method method = (Method) member;
        return method.trySetAccessible() ? MethodHandles.lookup().unreflect(method) : null;
    }

    private static boolean isPubliclyAccessible(Class<?> type) {
        return Modifier.isPublic(type.getModifiers()) && type.getModule().isExported(type.getPackageName())
                && (type.getEnclosingClass() == null || isPubliclyAccessible(type.getEnclosingClass()));
    }

    /** The type, its superclasses and all its interfaces, nearest first. */
    private static Set<Class<?>> typeAndSupertypes(Class<?> type) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> pending = new ArrayDeque<>();
        pending.add(type);
        while (!pending.isEmpty()) {
            Class<?> current = pending.poll();
            if (!seen.add(current)) {
                continue;
            }
            if (current.getSuperclass() != null) {
                pending.add(current.getSuperclass());
            }
            pending.addAll(List.of(current.getInterfaces()));
        }
        return seen;
    }

    private static boolean isPrimitiveNumber(Class<?> type) {
        return type.isPrimitive() && type != boolean.class && type != char.class && type != void.class;
    }

    private static String describe(Member member) {
        String owner = member.getDeclaringClass().getName();
        return member instanceof Field ? owner + "." + member.getName() : owner + "." + member.getName() + "()";
    }

    private static String notFound(Class<?> type, String name) {
        List<String> available = availableProperties(type);
        String capitalized = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        StringBuilder message = new StringBuilder()
                .append(type.getName()).append(" has no property '").append(name).append("' (looked for ")
                .append(type.isRecord() ? "a record component, " : "")
                .append("get").append(capitalized).append("(), is").append(capitalized).append("(), ")
                .append(name).append("() and a public field)");
        ClosestMatch.among(name, available)
                .ifPresent(suggestion -> message.append("; did you mean '").append(suggestion).append("'?"));
        message.append("; available: ").append(available.isEmpty() ? "none" : String.join(", ", available));
        return message.toString();
    }

    private static List<String> availableProperties(Class<?> type) {
        Set<String> names = new LinkedHashSet<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                names.add(component.getName());
            }
        }
        for (Method method : type.getMethods()) {
            if (isGetter(method)) {
                names.add(propertyName(method.getName()));
            }
        }
        for (Field field : type.getFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                names.add(field.getName());
            }
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        return sorted;
    }

    private static String propertyName(String methodName) {
        for (String prefix : List.of("get", "is")) {
            if (methodName.length() > prefix.length() && methodName.startsWith(prefix)
                    && Character.isUpperCase(methodName.charAt(prefix.length()))) {
                String rest = methodName.substring(prefix.length());
                return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
            }
        }
        return methodName;
    }
}
