package io.heapguard.agent.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EstimateSyntaxErrorTest {

    private static final List<String> NAMES = List.of("vector", "k", "text", "flag", "query");
    private static final List<String> TYPES =
            List.of("float[]", "int", "java.lang.String", "boolean", "com.acme.Query");

    private static EstimateSyntaxException parseError(String source) {
        return catchThrowableOfType(EstimateSyntaxException.class,
                () -> EstimateExpression.parse(source, NAMES, TYPES));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("len(vector * 4", 14, "expected ')' to close 'len(' at position 3, found end of expression"),
                Arguments.of("", 0, "the expression is empty"),
                Arguments.of("k +", 3, "expected a number, parameter, $N, function or '(', found end of expression"),
                Arguments.of("k * * 2", 4, "expected a number, parameter, $N, function or '(', found '*'"),
                Arguments.of("k 2", 2, "expected an operator (+ - * / ?:) or the end, found '2'"),
                Arguments.of("(k + 1))", 7, "unbalanced ')'"),
                Arguments.of("(k + 1", 6, "expected ')' to close the '(' at position 0, found end of expression"),
                Arguments.of("max(k, 2 3)", 9, "expected ',' or ')' to close 'max(' at position 3, found '3'"),
                Arguments.of("k % 2", 2, "unexpected character '%'"),
                Arguments.of("k ? 2", 2, "expected '?:'"),
                Arguments.of("$ + 1", 1, "expected a parameter position after '$'"),
                Arguments.of("$7", 0, "no parameter $7: positions go from $0 to $4"),
                Arguments.of("vectr", 0, "unknown parameter 'vectr'; did you mean 'vector'?"),
                Arguments.of("size * 2", 0, "unknown parameter 'size'"),
                Arguments.of("foo(k)", 0, "unknown function 'foo'; available: min(a, b, ...), max(a, b, ...), len(x)"),
                Arguments.of("mx(k, 2)", 0, "unknown function 'mx'; did you mean 'max'?"),
                Arguments.of("min(k)", 0, "min() needs at least two arguments, found 1"),
                Arguments.of("max()", 4, "max() needs at least two arguments"),
                Arguments.of("len(vector, k)", 0, "len() needs exactly one argument, found 2"),
                Arguments.of("len(k)", 4, "len() measures arrays, collections, maps and char sequences, but 'k' is int"),
                Arguments.of("len(3)", 4, "len() needs a parameter or property"),
                Arguments.of("vector * 4", 0, "'vector' is float[], not a number; len(vector) gives its length"),
                Arguments.of("min(text, 2)", 4, "'text' is java.lang.String, not a number; len(text) gives its length"),
                Arguments.of("flag + 1", 0, "'flag' is boolean, not a number"),
                Arguments.of("k.limit", 0, "'k' is int and has no property 'limit'"),
                Arguments.of("vector.length", 0, "'vector' is float[] and has no property 'length'; len(vector) gives its length"),
                Arguments.of("(k + 1).x", 1, "'k + 1' has no properties (cannot read .x)"),
                Arguments.of("query.", 6, "expected a property name after '.', found end of expression"),
                Arguments.of("10x", 2, "unknown unit 'x' after 10; expected KB, MB or GB"),
                Arguments.of("k MB", 2, "a unit must follow a number or ')': write k * 1MB"),
                Arguments.of("KB * 2", 0, "a unit must follow a number, e.g. 1KB"),
                Arguments.of("1.", 2, "expected a digit after the decimal point"),
                Arguments.of("1__0", 1, "'_' in a number must stand between two digits"),
                Arguments.of("k ?: 5", 2, "'k' is a primitive and never null, so '?:' has no effect"),
                Arguments.of("1 + query ?: 5", 10, "the left side of '?:' must be a parameter or property, found '1 + query'"),
                Arguments.of("(".repeat(150) + "1" + ")".repeat(150), 100, "nested more than 100 levels deep"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("errors")
    void parse_malformed_reportsPositionAndProblem(String source, int position, String problem) {
        EstimateSyntaxException error = parseError(source);

        assertThat(error).as("no error for '%s'", source).isNotNull();
        assertThat(error.problem()).contains(problem);
        assertThat(error.position()).isEqualTo(position);
        assertThat(error.expression()).isEqualTo(source);
        assertThat(error.getMessage()).startsWith("bad estimate '" + source + "' at position " + position);
    }

    @Test
    void message_hasExpressionPositionProblemParametersAndCaret() {
        EstimateSyntaxException error = catchThrowableOfType(EstimateSyntaxException.class,
                () -> EstimateExpression.parse("len(vector * 4", List.of("vector", "k"), List.of("float[]", "int")));

        String nl = System.lineSeparator();
        assertThat(error.getMessage()).isEqualTo(
                "bad estimate 'len(vector * 4' at position 14 (end of expression): expected ')' to close 'len('"
                        + " at position 3, found end of expression; parameters: $0 vector (float[]), $1 k (int)" + nl
                        + "    len(vector * 4" + nl
                        + "                  ^");
    }

    @Test
    void message_caretPointsAtTheOffendingToken() {
        EstimateSyntaxException error = parseError("k * * 2");

        String[] lines = error.getMessage().split(System.lineSeparator());
        assertThat(lines).hasSize(3);
        assertThat(lines[2].indexOf('^') - 4).isEqualTo(4);
        assertThat(lines[1].substring(4).charAt(4)).isEqualTo('*');
    }

    @Test
    void unknownName_withoutParameterNames_explainsMinusParametersAndPositions() {
        EstimateSyntaxException error = catchThrowableOfType(EstimateSyntaxException.class,
                () -> EstimateExpression.parse("len(vector)", List.of("arg0", "arg1"), List.of("float[]", "int")));

        assertThat(error.getMessage())
                .contains("unknown parameter 'vector'")
                .contains("$0 arg0 (float[]), $1 arg1 (int)")
                .contains("compiled without -parameters")
                .contains("$0, $1 ... always work");
    }

    @Test
    void unknownName_withNullNames_explainsMinusParameters() {
        EstimateSyntaxException error = catchThrowableOfType(EstimateSyntaxException.class,
                () -> EstimateExpression.parse("k", java.util.Arrays.asList(null, null), List.of("float[]", "int")));

        assertThat(error.getMessage())
                .contains("names need the class compiled with -parameters; $0, $1 ... always work")
                .contains("parameters: $0 (float[]), $1 (int)");
    }

    @Test
    void noParameters_saysSo() {
        EstimateSyntaxException error = catchThrowableOfType(EstimateSyntaxException.class,
                () -> EstimateExpression.parse("$0 * 2", List.of(), List.of()));

        assertThat(error.getMessage()).contains("no parameter $0: the method has no parameters")
                .contains("parameters: none (the method has no parameters)");
    }

    @Test
    void parse_namesAndTypesOfDifferentLength_rejectedAsProgrammingError() {
        assertThatThrownBy(() -> EstimateExpression.parse("1", List.of("a"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameterNames has 1 entries but parameterTypeNames has 0");
    }
}
