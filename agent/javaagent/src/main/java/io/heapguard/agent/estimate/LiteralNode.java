package io.heapguard.agent.estimate;

/** A number written in the expression, units already applied ({@code 2KB} is 2048). */
final class LiteralNode extends Node {

    private final double value;

    LiteralNode(int position, String text, double value) {
        super(position, text);
        this.value = value;
    }

    @Override
    double number(Arguments args) {
        return value;
    }

    double value() {
        return value;
    }

    @Override
    boolean compiles() {
        return true;
    }

    @Override
    void compileTo(EstimateCode code) {
        code.constant(value);
    }
}
