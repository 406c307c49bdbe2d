package io.heapguard.agent.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.heapguard.bootstrap.EstimatedBytes;

class EstimateExpressionTest {

    record Query(String text, int limit, Integer maxHits, List<String> terms) {
    }

    private static final List<String> NAMES =
            List.of("vector", "k", "query", "text", "ids", "limit", "ratio", "tags", "nothing");
    private static final List<String> TYPES = List.of("float[]", "int", Query.class.getName(),
            "java.lang.String", "[J", "java.lang.Integer", "double", "java.util.Map", "java.lang.Object");
    private static final Object[] ARGS = {
            new float[384], 10, new Query("hello world", 50, null, List.of("hello", "world")), "abcd",
            new long[] {1, 2, 3}, 7, 1.5, Map.of("a", 1, "b", 2), null};

    static Stream<Arguments> expressions() {
        return Stream.of(
                Arguments.of("42", 42L),
                Arguments.of("10_000", 10_000L),
                Arguments.of("1KB", 1024L),
                Arguments.of("2 MB", 2L * 1024 * 1024),
                Arguments.of("1GB", 1L << 30),
                Arguments.of("1.5KB", 1536L),
                Arguments.of("2kb", 2048L),
                Arguments.of("(k + 6)KB", 16L * 1024),
                Arguments.of("len(vector) * 4", 384L * 4),
                Arguments.of("len(vector) * 4 + min(k, 10000) * 1KB", 384L * 4 + 10 * 1024),
                Arguments.of("$1 * $1", 100L),
                Arguments.of("k - 20", 0L),
                Arguments.of("-k + 30", 20L),
                Arguments.of("+k", 10L),
                Arguments.of("-(k - 30)", 20L),
                Arguments.of("k * 2 + 3", 23L),
                Arguments.of("k * (2 + 3)", 50L),
                Arguments.of("k / 4", 3L), // 2.5 rounded up: estimates err on the safe side
                Arguments.of("k / 2 / 5", 1L),
                Arguments.of("0.1 * 30", 3L), // floating noise is not rounded up to 4
                Arguments.of("k * ratio", 15L),
                Arguments.of("max(k, 3, 99, 12)", 99L),
                Arguments.of("min(k, 3, 99, 12)", 3L),
                Arguments.of("len(text)", 4L),
                Arguments.of("len(ids)", 3L),
                Arguments.of("len(tags)", 2L),
                Arguments.of("len(nothing)", 0L),
                Arguments.of("len(query.terms) * 100", 200L),
                Arguments.of("len(query.text)", 11L),
                Arguments.of("query.limit * 1KB", 50L * 1024),
                Arguments.of("$2.limit", 50L),
                Arguments.of("query.maxHits ?: 25", 25L),
                Arguments.of("nothing ?: limit ?: 5", 7L),
                Arguments.of("(nothing ?: 3) * 2", 6L),
                Arguments.of("nothing.anything ?: 9", 9L),
                Arguments.of("len(nothing ?: text)", 4L),
                Arguments.of("limit * 8", 56L));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("expressions")
    void evaluate_expressionTable_returnsExpectedBytes(String source, long expected) throws Exception {
        assertThat(EstimateExpression.parse(source, NAMES, TYPES).evaluate(ARGS)).isEqualTo(expected);
    }

    static Stream<Arguments> compiledForms() {
        return Stream.of(
                Arguments.of("42", true),
                Arguments.of("k * 1KB", true),
                Arguments.of("len(vector) * 4 + min(k, 10000) * 1KB", true),
                Arguments.of("len(ids) + max(ratio, 2, -k) / 2.5", true),
                Arguments.of("-(k - 1)", true),
                Arguments.of("len(text)", false),          // a CharSequence's length() is application code
                Arguments.of("len(tags)", false),          // so is a Map's size()
                Arguments.of("query.limit * 1KB", false),  // properties are read reflectively
                Arguments.of("limit * 8", false),          // a boxed number can be null
                Arguments.of("1MB / k", false),            // a divisor that can be 0 at run time
                Arguments.of("k / 0", false),
                Arguments.of("len(nothing)", false));      // declared Object: measured at run time
    }

    @ParameterizedTest(name = "{0} compiles: {1}")
    @MethodSource("compiledForms")
    void compiles_onlyFormsThatCannotFailOrRunApplicationCode(String source, boolean compiles) throws Exception {
        assertThat(EstimateExpression.parse(source, NAMES, TYPES).compiles()).isEqualTo(compiles);
    }

    @Test
    void readsParameter_namesExactlyTheParametersTheExpressionUses() throws Exception {
        EstimateExpression expression = EstimateExpression.parse("len(vector) * 4 + $6 + (nothing ?: 1)", NAMES, TYPES);

        assertThat(java.util.stream.IntStream.range(0, NAMES.size()).filter(expression::readsParameter))
                .containsExactly(0, 6, 8);
        assertThat(expression.readsParameter(-1)).isFalse();
        assertThat(expression.readsParameter(NAMES.size())).isFalse();
    }

    @Test
    void evaluate_numericArgumentsOfEveryBoxType_readAsNumbers() throws Exception {
        EstimateExpression sum = EstimateExpression.parse("a + b + c + d + e + f",
                List.of("a", "b", "c", "d", "e", "f"),
                List.of("byte", "short", "java.lang.Long", "float", "java.math.BigInteger", "java.lang.Number"));

        long bytes = sum.evaluate(new Object[] {(byte) 1, (short) 2, 3L, 4.5f, java.math.BigInteger.TEN,
                new java.util.concurrent.atomic.AtomicLong(100)});

        assertThat(bytes).isEqualTo(121L); // 120.5 rounded up
    }

    @Test
    void evaluate_overflowingProduct_saturatesAtLongMax() throws Exception {
        EstimateExpression huge = EstimateExpression.parse("n * n * 1GB", List.of("n"), List.of("long"));

        assertThat(huge.evaluate(new Object[] {Long.MAX_VALUE})).isEqualTo(Long.MAX_VALUE);
        assertThat(huge.evaluate(new Object[] {3_000_000_000L})).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void evaluate_negativeResult_saturatesAtZero() throws Exception {
        EstimateExpression negative = EstimateExpression.parse("n - 1GB", List.of("n"), List.of("long"));

        assertThat(negative.evaluate(new Object[] {5L})).isZero();
        assertThat(negative.evaluate(new Object[] {Long.MIN_VALUE})).isZero();
    }

    @Test
    void evaluate_notANumberResult_isZero() throws Exception {
        EstimateExpression nan = EstimateExpression.parse("x * 2", List.of("x"), List.of("double"));

        assertThat(nan.evaluate(new Object[] {Double.NaN})).isZero();
        assertThat(nan.evaluate(new Object[] {Double.POSITIVE_INFINITY})).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void saturatedBytes_roundsUpButNotFloatingNoise() {
        assertThat(EstimatedBytes.of(2.000_000_000_1)).isEqualTo(2L);
        assertThat(EstimatedBytes.of(2.01)).isEqualTo(3L);
        assertThat(EstimatedBytes.of(0.2)).isEqualTo(1L);
        assertThat(EstimatedBytes.of(0x1p62)).isEqualTo(1L << 62);
    }

    @Test
    void parse_binaryArrayTypeNames_areShownInSourceStyle() {
        Parameters parameters = new Parameters(List.of("a", "b", "c"),
                List.of("[F", "[[Ljava.lang.String;", "java.util.List<java.lang.String>"));

        assertThat(parameters.describe())
                .isEqualTo("$0 a (float[]), $1 b (java.lang.String[][]), $2 c (java.util.List<java.lang.String>)");
    }

    @Test
    void evaluate_isSharedSafelyAcrossThreads() throws Exception {
        EstimateExpression expression = EstimateExpression.parse("query.limit * len(query.terms)",
                List.of("query"), List.of("java.lang.Object"));
        Object[] first = {new Query("a", 3, null, List.of("x", "y"))};
        Object[] second = {new EstimatePropertyTest.Bean(5, List.of("x", "y", "z"))};

        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 4; t++) {
            Object[] args = t % 2 == 0 ? first : second;
            long expected = t % 2 == 0 ? 6 : 15;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    if (expression.evaluate(args) != expected) {
                        wrong.incrementAndGet();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(wrong).hasValue(0);
    }
}
