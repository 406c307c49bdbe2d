package io.heapguard.agent.estimate;

/**
 * {@code target.name}: a record component, getter or public field of the target's runtime class.
 * Null-safe: a null target yields null (so {@code query.limit ?: 10} works when query is null).
 *
 * <p>Design: the accessor is resolved reflectively once per runtime class (see
 * {@link PropertyAccessors}); this node keeps the last one it used, so a call site that always sees
 * the same class pays one volatile read and a class comparison before the method handle call.
 */
final class PropertyNode extends Node {

    private final Node target;
    private final String name;
    private volatile PropertyAccessor lastAccessor;

    PropertyNode(int position, String text, Node target, String name) {
        super(position, text);
        this.target = target;
        this.name = name;
    }

    @Override
    double number(Arguments args) {
        Object owner = target.value(args);
        if (owner == null) {
            throw new EvaluationFailure("'" + target.text + "' is null, so '" + text + "' has no value;"
                    + " give a default with '" + text + " ?: <bytes>'");
        }
        return accessorFor(owner.getClass()).number(owner, text);
    }

    @Override
    double numberOrElse(Arguments args, Node fallback) {
        Object owner = target.value(args);
        if (owner == null) {
            return fallback.number(args);
        }
        PropertyAccessor accessor = accessorFor(owner.getClass());
        if (accessor.isPrimitiveNumber()) {
            return accessor.number(owner, text); // never null: no need to box it to find out
        }
        Object value = accessor.value(owner);
        return value != null ? Values.toNumber(value, text) : fallback.number(args);
    }

    @Override
    boolean isReference() {
        return true;
    }

    @Override
    Object value(Arguments args) {
        Object owner = target.value(args);
        return owner == null ? null : accessorFor(owner.getClass()).value(owner);
    }

    @Override
    boolean canBeNull() {
        return true;
    }

    @Override
    void checkMeasurable(SyntaxErrors errors) {
        // the property's type is only known at run time
    }

    @Override
    void checkHasProperties(String property, SyntaxErrors errors) {
        // the property's type is only known at run time
    }

    private PropertyAccessor accessorFor(Class<?> ownerClass) {
        PropertyAccessor accessor = lastAccessor;
        if (accessor == null || accessor.owner() != ownerClass) {
            accessor = PropertyAccessors.find(ownerClass, name);
            lastAccessor = accessor;
        }
        return accessor;
    }
}
