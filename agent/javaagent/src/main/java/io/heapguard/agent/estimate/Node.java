package io.heapguard.agent.estimate;

/**
 * One node of a parsed estimate expression. Nodes are immutable (apart from benign per-node caches),
 * so one tree serves every thread. Numbers are {@code double}s: no boxing, no overflow wrap-around,
 * exact for whole numbers up to 2^53 (8 PiB), far beyond any heap.
 */
abstract class Node {

    /** 0-based position in the expression, for parse-time messages. */
    final int position;
    /** The node's source text, for evaluation messages. */
    final String text;

    Node(int position, String text) {
        this.position = position;
        this.text = text;
    }

    /** This node's numeric value for one call; throws {@link EvaluationFailure} when there is none. */
    abstract double number(Arguments args);

    /** True for nodes that yield an object (a parameter, a property, {@code a ?: b} of those). */
    boolean isReference() {
        return false;
    }

    /** The object this reference node yields for one call; only valid when {@link #isReference()}. */
    Object value(Arguments args) {
        throw new IllegalStateException("'" + text + "' is not a parameter or property");
    }

    /**
     * This reference node's number, or {@code fallback}'s when the value is null: {@code a ?: b}
     * without boxing a primitive property on the way. Only valid when {@link #isReference()}.
     */
    double numberOrElse(Arguments args, Node fallback) {
        Object value = value(args);
        return value != null ? Values.toNumber(value, text) : fallback.number(args);
    }

    /**
     * Whether this node can be compiled into the woven method ({@link EstimateCode}): only forms that
     * cannot fail and call no application code (numeric primitive parameters, lengths of array
     * parameters, literals, arithmetic, min/max, division by a non-zero literal).
     */
    boolean compiles() {
        return false;
    }

    /** Emits this node's value; only valid when {@link #compiles()}. */
    void compileTo(EstimateCode code) {
        throw new IllegalStateException("'" + text + "' cannot be compiled into woven code");
    }

    /** True when the value can be null (only then does {@code ?:} make sense). */
    boolean canBeNull() {
        return false;
    }

    /** Parse-time check that this node can ever yield a number; the default says yes. */
    void checkNumeric(SyntaxErrors errors) throws EstimateSyntaxException {
    }

    /** Parse-time check that {@code len()} can ever measure this node. */
    void checkMeasurable(SyntaxErrors errors) throws EstimateSyntaxException {
        throw errors.at(position, "len() needs a parameter or property (an array, collection, map or"
                + " char sequence), found '" + text + "'");
    }

    /** Parse-time check that this node can have properties. */
    void checkHasProperties(String property, SyntaxErrors errors) throws EstimateSyntaxException {
        throw errors.at(position, "'" + text + "' has no properties (cannot read ." + property + ")");
    }
}
