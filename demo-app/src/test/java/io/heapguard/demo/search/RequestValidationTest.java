package io.heapguard.demo.search;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind of bad input is refused with the field named and the rule stated. */
class RequestValidationTest {

    private static void assertBad(Runnable request, String field, String messagePart) {
        assertThatThrownBy(request::run)
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining(messagePart)
                .extracting(e -> ((BadRequestException) e).field()).isEqualTo(field);
    }

    @Test
    void search_emptyQuery_isRefused() {
        assertBad(() -> SearchRequest.of(SearchMode.KEYWORD, "  ", 10), "q", "non-empty");
        assertBad(() -> SearchRequest.of(SearchMode.KEYWORD, null, 10), "q", "non-empty");
    }

    @Test
    void search_hugeQuery_isRefusedWithTheLimit() {
        assertBad(() -> SearchRequest.of(SearchMode.KEYWORD, "a".repeat(RequestLimits.MAX_QUERY_CHARS + 1), 10),
                "q", "at most 1000");
    }

    @Test
    void search_controlCharacter_isRefused() {
        assertBad(() -> SearchRequest.of(SearchMode.KEYWORD, "tiger\u0000", 10), "q", "U+0000");
    }

    @Test
    void search_kNotPositive_isRefused() {
        assertBad(() -> SearchRequest.of(SearchMode.KEYWORD, "tiger", 0), "k", "k must be >= 1, was 0");
        assertBad(() -> SearchRequest.of(SearchMode.KEYWORD, "tiger", -5), "k", "was -5");
    }

    @Test
    void search_negativeOffset_isRefused() {
        assertBad(() -> new SearchRequest(SearchMode.KEYWORD, "tiger", 10, -1, 2), "offset", "offset must be >= 0");
    }

    @Test
    void search_windowOverHardLimit_isRefused() {
        assertBad(() -> SearchRequest.of(SearchMode.KEYWORD, "tiger", 1_000_001), "k", "<= 1000000");
        assertBad(() -> new SearchRequest(SearchMode.KEYWORD, "tiger", 10, 999_991, 2), "offset", "was 1000001");
        assertBad(() -> new SearchRequest(SearchMode.KEYWORD, "tiger", Integer.MAX_VALUE, Integer.MAX_VALUE, 2),
                "offset", "<= 1000000");
    }

    @Test
    void search_editsOutOfRange_isRefused() {
        assertBad(() -> new SearchRequest(SearchMode.FUZZY, "tiger", 10, 0, 3), "edits", "0, 1 or 2");
    }

    @Test
    void mode_unknown_namesTheAllowedModes() {
        assertBad(() -> SearchMode.parse("mode", "semantic"), "mode", "keyword, fuzzy, vector, exact, hybrid");
    }

    @Test
    void batch_vectorOfWrongDimensions_isRefused() {
        assertBad(() -> new BatchRequest(SearchMode.VECTOR, 10, null, List.of(new float[3])), "vectors[0]",
                "3 dimensions; need 384");
    }

    @Test
    void batch_nonFiniteComponent_isRefused() {
        float[] vector = new float[384];
        Arrays.fill(vector, 0.1f);
        vector[7] = Float.NaN;
        assertBad(() -> new BatchRequest(SearchMode.VECTOR, 10, null, List.of(vector)), "vectors[0]",
                "vectors[0][7] is NaN");
    }

    @Test
    void batch_zeroVector_isRefused() {
        assertBad(() -> new BatchRequest(SearchMode.VECTOR, 10, null, List.of(new float[384])), "vectors[0]", "all zeros");
    }

    @Test
    void batch_bothOrNeither_isRefused() {
        assertBad(() -> new BatchRequest(SearchMode.VECTOR, 10, List.of("a"), List.of(new float[384])), "queries",
                "exactly one");
        assertBad(() -> new BatchRequest(SearchMode.VECTOR, 10, null, null), "queries", "exactly one");
    }

    @Test
    void batch_tooManyQueries_isRefused() {
        assertBad(() -> new BatchRequest(SearchMode.VECTOR, 10,
                java.util.Collections.nCopies(RequestLimits.MAX_BATCH_SIZE + 1, "x"), null), "queries", "1 to 1000");
    }

    @Test
    void batch_emptyQueryInside_namesItsIndex() {
        assertBad(() -> new BatchRequest(SearchMode.VECTOR, 10, List.of("tiger", ""), null), "queries[1]", "non-empty");
    }

    @Test
    void batch_vectorsWithKeywordMode_isRefused() {
        assertBad(() -> new BatchRequest(SearchMode.KEYWORD, 10, null, List.of(new float[384])), "vectors",
                "vector or exact");
    }

    @Test
    void export_emptyQuery_isRefused() {
        assertBad(() -> new ExportRequest(""), "q", "non-empty");
    }
}
