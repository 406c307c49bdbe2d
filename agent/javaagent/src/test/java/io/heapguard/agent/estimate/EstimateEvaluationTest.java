package io.heapguard.agent.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.junit.jupiter.api.Test;

class EstimateEvaluationTest {

    private static EstimateExpression parse(String source, String type) throws EstimateSyntaxException {
        return EstimateExpression.parse(source, List.of("x"), List.of(type));
    }

    @Test
    void nullUsedAsNumber_suggestsDefault() throws Exception {
        EstimateExpression expression = parse("x * 1KB", "java.lang.Integer");

        assertThatThrownBy(() -> expression.evaluate(new Object[] {null}))
                .isInstanceOf(EstimateEvaluationException.class)
                .hasMessage("cannot evaluate estimate 'x * 1KB': 'x' is null; give a default with 'x ?: <bytes>'");
    }

    @Test
    void nullWithDefault_usesDefault() throws Exception {
        assertThat(parse("(x ?: 4) * 1KB", "java.lang.Integer").evaluate(new Object[] {null})).isEqualTo(4096);
        assertThat(parse("(x ?: 4) * 1KB", "java.lang.Integer").evaluate(new Object[] {2})).isEqualTo(2048);
    }

    @Test
    void divisionByZero_namesDivisor() throws Exception {
        EstimateExpression expression = EstimateExpression.parse("total / count", List.of("total", "count"),
                List.of("long", "int"));

        assertThatThrownBy(() -> expression.evaluate(new Object[] {10L, 0}))
                .isInstanceOf(EstimateEvaluationException.class)
                .hasMessageContaining("division by zero in 'total / count': 'count' is 0; guard it with max(count, 1)");
    }

    @Test
    void objectParameterHoldingString_usedAsNumber_suggestsLen() throws Exception {
        EstimateExpression expression = parse("x + 1", "java.lang.Object");

        assertThatThrownBy(() -> expression.evaluate(new Object[] {"text"}))
                .isInstanceOf(EstimateEvaluationException.class)
                .hasMessageContaining("'x' is a java.lang.String, not a number; len(x) gives its length");
    }

    @Test
    void lenOfUnmeasurableRuntimeValue_namesType() throws Exception {
        EstimateExpression expression = parse("len(x)", "java.lang.Object");

        assertThatThrownBy(() -> expression.evaluate(new Object[] {42}))
                .isInstanceOf(EstimateEvaluationException.class)
                .hasMessageContaining("len(x): 'x' is a java.lang.Integer; len() measures arrays, collections, maps"
                        + " and char sequences");
    }

    @Test
    void lenOfEveryPrimitiveArray_isItsLength() throws Exception {
        EstimateExpression expression = parse("len(x)", "java.lang.Object");
        Object[] arrays = {new int[1], new long[2], new short[3], new char[4], new double[5], new boolean[6],
                new byte[7], new float[8], new String[9], new int[10][2]};

        for (int i = 0; i < arrays.length; i++) {
            assertThat(expression.evaluate(new Object[] {arrays[i]})).isEqualTo(i + 1);
        }
    }

    @Test
    void wrongArgumentCount_rejected() throws Exception {
        EstimateExpression expression = parse("x", "int");

        assertThatThrownBy(() -> expression.evaluate(new Object[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expects 1 arguments, got 2");
    }

    public record Ratio(double factor, Double optional) {
    }

    @Test
    void evaluate_elvisOnPrimitiveDoubleProperty_allocatesNothing() throws Exception {
        EstimateExpression expression = EstimateExpression.parse("(x.factor ?: 2) * 1KB + (x.optional ?: 1)",
                List.of("x"), List.of("java.lang.Object"));
        Object[] args = {new Ratio(1234.5678, null)};

        long allocated = allocatedBytesOver(100_000, expression, args, 1_264_199L); // 1234.5678 * 1024 + 1, rounded up

        assertThat(allocated).isLessThan(16 * 1024);
    }

    /**
     * Warms up, then returns the bytes this thread allocated over {@code calls} evaluations (over one
     * {@link Arguments} view, as the woven call's frame is: {@code evaluate(Object[])} wraps its array).
     */
    private static long allocatedBytesOver(int calls, EstimateExpression expression, Object[] array, long expected) {
        Arguments args = Arguments.of(array);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < calls / 2; i++) {
            assertThat(expression.evaluate(args)).isEqualTo(expected);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        long sum = 0;
        for (int i = 0; i < calls; i++) {
            sum += expression.evaluate(args);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(sum).isEqualTo(calls * expected);
        return allocated;
    }

    @Test
    void evaluate_commonPath_allocatesNothing() throws Exception {
        EstimateExpression expression = EstimateExpression.parse(
                "len(vector) * 4 + min(k, 10000) * 1KB + (query.maxHits ?: query.limit) * 2 + len(query.terms)",
                List.of("vector", "k", "query"), List.of("float[]", "int", "java.lang.Object"));
        Object[] args = {new float[384], 10, new EstimateExpressionTest.Query("q", 50, null, List.of("a", "b"))};

        long allocated = allocatedBytesOver(100_000, expression, args, 384 * 4 + 10 * 1024 + 100 + 2);

        // a single boxed value per call would be >= 1.6 MB here; allow only measurement noise
        assertThat(allocated).isLessThan(16 * 1024);
    }
}
