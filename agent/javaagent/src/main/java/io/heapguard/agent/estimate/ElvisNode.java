package io.heapguard.agent.estimate;

/** {@code left ?: right}: right when left is null. */
final class ElvisNode extends Node {

    private final Node left;
    private final Node right;

    ElvisNode(int position, String text, Node left, Node right) {
        super(position, text);
        this.left = left;
        this.right = right;
    }

    @Override
    double number(Arguments args) {
        return left.numberOrElse(args, right);
    }

    @Override
    boolean isReference() {
        return right.isReference();
    }

    @Override
    Object value(Arguments args) {
        Object value = left.value(args);
        return value != null ? value : right.value(args);
    }

    @Override
    double numberOrElse(Arguments args, Node fallback) {
        Object value = value(args);
        return value != null ? Values.toNumber(value, text) : fallback.number(args);
    }

    @Override
    boolean canBeNull() {
        return right.canBeNull();
    }

    @Override
    void checkNumeric(SyntaxErrors errors) throws EstimateSyntaxException {
        left.checkNumeric(errors);
        right.checkNumeric(errors);
    }

    @Override
    void checkMeasurable(SyntaxErrors errors) throws EstimateSyntaxException {
        left.checkMeasurable(errors);
        right.checkMeasurable(errors);
    }
}
