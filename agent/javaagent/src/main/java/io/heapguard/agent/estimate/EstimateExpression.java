package io.heapguard.agent.estimate;

import io.heapguard.bootstrap.EstimatedBytes;
import java.util.List;
import java.util.Objects;

/**
 * A parsed {@code @MemoryAware(estimate = "...")} expression: parse once when the class is
 * transformed, then {@link #evaluate(Arguments)} on every call.
 *
 * <p>Language: parameters by name (needs {@code -parameters}) or position ({@code $0}); property
 * access ({@code query.limit}: record component, getter or public field, null-safe); {@code + - * /},
 * parentheses, unary minus; integer and decimal literals ({@code 10_000}, {@code 1.5}); units
 * {@code KB MB GB} (binary, case-insensitive) after a number or a closing parenthesis;
 * {@code min(a, b, ...)}, {@code max(a, b, ...)}, {@code len(x)}; {@code a ?: b} (b when a is null).
 *
 * <p>Arithmetic is done in {@code double} (exact for whole byte counts up to 8 PiB) and division is
 * exact, not truncating. The result is rounded up to whole bytes and saturated to
 * [0, {@link Long#MAX_VALUE}]: negative results are 0, huge ones {@code Long.MAX_VALUE}, and nothing
 * ever wraps around.
 *
 * <p>Thread-safe. Evaluation allocates nothing on the common path and reflects only the first time a
 * property is read on a new runtime class.
 */
public final class EstimateExpression {

    private final String source;
    private final int parameterCount;
    private final Node root;
    private final boolean[] parametersRead;

    private EstimateExpression(String source, int parameterCount, Parser.Parsed parsed) {
        this.source = source;
        this.parameterCount = parameterCount;
        this.root = parsed.root();
        this.parametersRead = parsed.parametersRead();
    }

    /**
     * Parses and checks an expression against the method's parameters.
     *
     * @param parameterNames     the names in declaration order; {@code argN} (or null) when the class was
     *                           compiled without {@code -parameters}
     * @param parameterTypeNames declared types, source style ({@code float[]}) or binary style
     *                           ({@code [F}); only used for parse-time checks and messages
     * @throws EstimateSyntaxException naming the expression, position, problem and parameters
     */
    public static EstimateExpression parse(String source, List<String> parameterNames,
                                           List<String> parameterTypeNames) throws EstimateSyntaxException {
        Objects.requireNonNull(source, "source");
        Parameters parameters = new Parameters(parameterNames, parameterTypeNames);
        return new EstimateExpression(source, parameters.count(), Parser.parse(source, parameters));
    }

    /**
     * The estimated bytes for one call.
     *
     * @param args the call's arguments in declaration order (primitives boxed, as the advice passes them)
     * @throws EstimateEvaluationException when the arguments cannot be evaluated (a null without
     *                                     {@code ?:}, a missing property, division by zero, a getter that threw)
     * @throws IllegalArgumentException    when {@code args} does not match the parameter count
     */
    public long evaluate(Object[] args) {
        if (args.length != parameterCount) {
            throw new IllegalArgumentException("estimate '" + source + "' expects " + parameterCount
                    + " arguments, got " + args.length);
        }
        return evaluate(Arguments.of(args));
    }

    /**
     * The estimated bytes for one call whose arguments match the parameters the expression was parsed
     * against; allocates nothing on the common path.
     *
     * @throws EstimateEvaluationException as {@link #evaluate(Object[])}
     */
    public long evaluate(Arguments args) {
        double bytes;
        try {
            bytes = root.number(args);
        } catch (EvaluationFailure failure) {
            throw new EstimateEvaluationException(source, failure.getMessage(), failure.getCause());
        }
        return EstimatedBytes.of(bytes); // the rounding compiled estimates use too
    }

    /**
     * Whether the expression refers to the parameter at {@code index}: the woven code stores only those
     * arguments for it.
     */
    public boolean readsParameter(int index) {
        return index >= 0 && index < parametersRead.length && parametersRead[index];
    }

    /** Whether the weaver can compile the expression into the woven method (see {@link EstimateCode}). */
    public boolean compiles() {
        return root.compiles();
    }

    /** Emits the expression's value in bytes, as a double, before rounding; only when {@link #compiles()}. */
    public void compileTo(EstimateCode code) {
        root.compileTo(code);
    }

    /** The expression as written. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
