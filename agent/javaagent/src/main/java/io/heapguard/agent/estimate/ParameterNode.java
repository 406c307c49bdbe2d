package io.heapguard.agent.estimate;

/** A parameter of the annotated method, by name or {@code $N}; its argument is read as is. */
final class ParameterNode extends Node {

    private final int index;
    private final DeclaredType declaredType;

    ParameterNode(int position, String text, int index, DeclaredType declaredType) {
        super(position, text);
        this.index = index;
        this.declaredType = declaredType;
    }

    @Override
    double number(Arguments args) {
        if (declaredType.isPrimitive() && declaredType.kind() == DeclaredType.Kind.NUMBER) {
            return args.primitive(index); // no boxing: parse-time checks made sure it is a numeric primitive
        }
        return Values.toNumber(args.object(index), text);
    }

    /** A numeric primitive is read straight from the woven method's local. */
    @Override
    boolean compiles() {
        return declaredType.isPrimitive() && declaredType.kind() == DeclaredType.Kind.NUMBER;
    }

    @Override
    void compileTo(EstimateCode code) {
        code.parameter(index);
    }

    /** Whether {@code len()} of this parameter compiles: an array's length cannot fail (null is 0). */
    boolean lengthCompiles() {
        return declaredType.kind() == DeclaredType.Kind.ARRAY;
    }

    void compileLengthTo(EstimateCode code) {
        code.arrayLength(index);
    }

    @Override
    boolean isReference() {
        return true;
    }

    @Override
    Object value(Arguments args) {
        return args.object(index);
    }

    @Override
    boolean canBeNull() {
        return !declaredType.isPrimitive();
    }

    @Override
    void checkNumeric(SyntaxErrors errors) throws EstimateSyntaxException {
        if (!declaredType.canBeNumber()) {
            String hint = declaredType.canHaveLength() ? "; len(" + text + ") gives its length" : "";
            throw errors.at(position, "'" + text + "' is " + declaredType.displayName() + ", not a number" + hint);
        }
    }

    @Override
    void checkMeasurable(SyntaxErrors errors) throws EstimateSyntaxException {
        if (!declaredType.canHaveLength()) {
            throw errors.at(position, "len() measures arrays, collections, maps and char sequences, but '"
                    + text + "' is " + declaredType.displayName());
        }
    }

    @Override
    void checkHasProperties(String property, SyntaxErrors errors) throws EstimateSyntaxException {
        if (declaredType.kind() == DeclaredType.Kind.ARRAY) {
            throw errors.at(position, "'" + text + "' is " + declaredType.displayName()
                    + " and has no property '" + property + "'; len(" + text + ") gives its length");
        }
        if (declaredType.isPrimitive()) {
            throw errors.at(position, "'" + text + "' is " + declaredType.displayName()
                    + " and has no property '" + property + "'");
        }
    }
}
