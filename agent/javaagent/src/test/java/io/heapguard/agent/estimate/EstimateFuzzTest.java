package io.heapguard.agent.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the estimate language end to end: parse an arbitrary expression against arbitrary declared
 * parameter types, then evaluate it with arbitrary arguments of those types. Every input must give a
 * value in [0, Long.MAX_VALUE] or exactly one of the two documented exceptions, with a message that
 * names the problem and never the argument values. Anything else (another exception, an Error, a
 * hang) is a finding.
 *
 * <p>Input layout (so the seed corpus is readable text): the expression up to the first newline, then
 * one byte per parameter choosing its declared type, then bytes choosing each argument's shape.
 * Seeds: {@code src/test/resources/io/heapguard/agent/estimate/EstimateFuzzTestInputs/}. Commands:
 * docs/fuzzing.md.
 */
public class EstimateFuzzTest {

    /** Never allowed in a message: stands for the query text and vectors of a real call. */
    static final String SECRET = "S3CR3T-QUERY-TEXT";
    private static final float SECRET_FLOAT = 0.4242f;

    private static final List<String> NAMES = List.of("a", "b", "query");
    private static final List<String> TYPES = Arrays.asList(
            "int", "long", "double", "java.lang.Integer", "java.lang.String", "float[]",
            "java.util.List<java.lang.String>", "java.util.Map", "java.lang.Object", Query.class.getName(),
            "boolean", "char", "[F", "[[J", "java.lang.CharSequence", "java.lang.Number", null, "");

    /** A parameter object with every kind of property the language reads. */
    public record Query(String text, int limit, float[] vector, List<String> terms, Integer missing) {
        public long getThrows() {
            throw new IllegalStateException("getter failed for " + text);
        }

        @Override
        public String toString() {
            return "Query[" + text + "]";
        }
    }

    @FuzzTest(maxDuration = "5s")
    public void parseAndEvaluate(byte[] input) {
        int newline = indexOf(input, (byte) '\n');
        String source = new String(input, 0, newline < 0 ? input.length : newline, StandardCharsets.UTF_8);
        Choices choices = new Choices(input, newline < 0 ? input.length : newline + 1);
        List<String> types = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            types.add(TYPES.get(choices.next(TYPES.size())));
        }
        List<String> names = choices.next(4) == 0 ? Arrays.asList("arg0", "arg1", "arg2") : NAMES;

        EstimateExpression expression;
        try {
            expression = EstimateExpression.parse(source, names, types);
        } catch (EstimateSyntaxException e) {
            assertClearMessage(e);
            return;
        }
        for (int call = 0; call < 2; call++) { // twice: the second call runs on cached property accessors
            Object[] args = new Object[NAMES.size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = argumentOf(types.get(i), choices);
            }
            try {
                assertThat(expression.evaluate(args)).isNotNegative();
            } catch (EstimateEvaluationException e) {
                assertClearMessage(e);
            }
        }
    }

    private static void assertClearMessage(Exception e) {
        assertThat(e.getMessage()).isNotBlank().contains("estimate").doesNotContain(SECRET)
                .doesNotContain(Float.toString(SECRET_FLOAT));
    }

    /** An argument the advice could really pass for a parameter of that declared type. */
    static Object argumentOf(String type, Choices choices) {
        if (type == null || type.isEmpty() || type.equals("java.lang.Object")) {
            return anything(choices);
        }
        int size = choices.size();
        boolean isNull = choices.next(8) == 0;
        return switch (type) {
            case "int" -> choices.integer();
            case "long" -> (long) choices.integer() * choices.integer();
            case "double" -> choices.number();
            case "boolean" -> choices.next(2) == 0;
            case "char" -> (char) size;
            case "java.lang.Integer" -> isNull ? null : choices.integer();
            case "java.lang.Number" -> isNull ? null : choices.number();
            case "java.lang.String", "java.lang.CharSequence" -> isNull ? null : text(size);
            case "float[]", "[F" -> isNull ? null : vector(size);
            case "[[J" -> isNull ? null : new long[size][1];
            case "java.util.List<java.lang.String>" -> isNull ? null : terms(size);
            case "java.util.Map" -> isNull ? null : map(size);
            default -> isNull ? null : query(choices, size); // the record
        };
    }

    private static Object anything(Choices choices) {
        int size = choices.size();
        return switch (choices.next(12)) {
            case 0 -> null;
            case 1 -> choices.integer();
            case 2 -> choices.number();
            case 3 -> text(size);
            case 4 -> vector(size);
            case 5 -> terms(size);
            case 6 -> map(size);
            case 7 -> query(choices, size);
            case 8 -> new Object();
            case 9 -> Boolean.TRUE;
            case 10 -> new StringBuilder(text(size));
            default -> new int[size];
        };
    }

    private static Query query(Choices choices, int size) {
        return new Query(text(size), choices.integer(), choices.next(4) == 0 ? null : vector(size),
                choices.next(4) == 0 ? null : terms(size), choices.next(2) == 0 ? null : choices.integer());
    }

    private static String text(int size) {
        return SECRET + "x".repeat(size);
    }

    private static float[] vector(int size) {
        float[] vector = new float[size];
        Arrays.fill(vector, SECRET_FLOAT);
        return vector;
    }

    private static List<String> terms(int size) {
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            terms.add(SECRET);
        }
        return terms;
    }

    private static Map<String, String> map(int size) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(SECRET + i, SECRET);
        }
        return map;
    }

    private static int indexOf(byte[] input, byte wanted) {
        for (int i = 0; i < input.length; i++) {
            if (input[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** Reads choices from the tail of the input; past its end every choice is 0. */
    static final class Choices {
        private static final int MAX_SIZE = 64;
        private static final int[] INTEGERS = {0, 1, -1, 7, 1024, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 30};
        private static final double[] NUMBERS = {0.0, -0.0, 1.5, -3, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MAX_VALUE, Double.MIN_VALUE, 1e300, 0x1p63, 8e15};

        private final byte[] input;
        private int position;

        Choices(byte[] input, int start) {
            this.input = input;
            this.position = start;
        }

        int next(int bound) {
            int value = position < input.length ? input[position++] & 0xff : 0;
            return value % bound;
        }

        int size() {
            return next(MAX_SIZE);
        }

        int integer() {
            return INTEGERS[next(INTEGERS.length)];
        }

        double number() {
            return NUMBERS[next(NUMBERS.length)];
        }
    }
}
