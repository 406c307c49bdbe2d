package io.heapguard.agent.estimate;

import java.lang.invoke.MethodHandle;

/**
 * Reads one property of one runtime class through method handles, or, when the class has no such
 * property, fails every time with the same explanation (so a missing property is not looked up
 * again on every call).
 */
final class PropertyAccessor {

    private final Class<?> owner;
    /** (Object)Object; null when the property is missing. */
    private final MethodHandle objectGetter;
    /** (Object)double for primitive numeric properties (no boxing); null otherwise. */
    private final MethodHandle numberGetter;
    /** What the handles read, e.g. {@code com.acme.Query.getLimit()}, or why nothing can be read. */
    private final String description;

    private PropertyAccessor(Class<?> owner, MethodHandle objectGetter, MethodHandle numberGetter,
                             String description) {
        this.owner = owner;
        this.objectGetter = objectGetter;
        this.numberGetter = numberGetter;
        this.description = description;
    }

    static PropertyAccessor found(Class<?> owner, MethodHandle objectGetter, MethodHandle numberGetter,
                                  String description) {
        return new PropertyAccessor(owner, objectGetter, numberGetter, description);
    }

    static PropertyAccessor missing(Class<?> owner, String reason) {
        return new PropertyAccessor(owner, null, null, reason);
    }

    Class<?> owner() {
        return owner;
    }

    /** True when the property is a primitive number, read without boxing and never null. */
    boolean isPrimitiveNumber() {
        return numberGetter != null;
    }

    boolean isMissing() {
        return objectGetter == null;
    }

    Object value(Object target) {
        if (objectGetter == null) {
            throw new EvaluationFailure(description);
        }
        try {
            return (Object) objectGetter.invokeExact(target);
        } catch (Throwable thrown) {
            throw failure(thrown);
        }
    }

    double number(Object target, String text) {
        if (numberGetter == null) {
            return Values.toNumber(value(target), text);
        }
        try {
            return (double) numberGetter.invokeExact(target);
        } catch (Throwable thrown) {
            throw failure(thrown);
        }
    }

    private RuntimeException failure(Throwable thrown) {
        if (thrown instanceof VirtualMachineError error) {
            throw error;
        }
        // the class only: the getter's message may quote the argument (query text), which must not reach logs
        return new EvaluationFailure(description + " threw " + thrown.getClass().getName(), thrown);
    }
}
