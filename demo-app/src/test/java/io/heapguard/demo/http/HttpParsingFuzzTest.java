package io.heapguard.demo.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.heapguard.demo.search.BadRequestException;
import io.heapguard.demo.search.BatchRequest;
import io.heapguard.demo.search.RequestLimits;
import io.heapguard.demo.search.SearchMode;
import io.heapguard.demo.search.SearchRequest;

/**
 * Fuzzes what the demo reads from a request before any search runs, exactly as its handlers do: the
 * query string of {@code GET /search} into a {@link SearchRequest}, and the body of
 * {@code POST /search/batch} into a {@link BatchRequest}. Every input must give a request or one
 * {@link BadRequestException} (a 400 naming the field); any other exception would be a 500, an
 * Error could take the server thread down. Seeds and findings:
 * {@code src/test/resources/io/heapguard/demo/http/HttpParsingFuzzTestInputs/}; commands in
 * docs/fuzzing.md.
 */
public class HttpParsingFuzzTest {

    private static final List<String> SEARCH_PARAMS = List.of("q", "mode", "k", "offset", "edits");

    @FuzzTest(maxDuration = "5s")
    public void searchQuery(byte[] input) {
        String rawQuery = new String(input, StandardCharsets.UTF_8);
        try {
            QueryParams params = QueryParams.parse(rawQuery, SEARCH_PARAMS);
            SearchRequest request = new SearchRequest(
                    SearchMode.parse("mode", params.string("mode", "keyword")),
                    params.string("q", null),
                    params.integer("k", RequestLimits.DEFAULT_K),
                    params.integer("offset", 0),
                    params.integer("edits", RequestLimits.DEFAULT_EDITS));
            assertThat(request.k()).isPositive();
        } catch (BadRequestException e) {
            assertClear(e);
        }
    }

    @FuzzTest(maxDuration = "5s")
    public void batchBody(byte[] input) {
        if (input.length > RequestLimits.MAX_BODY_BYTES) {
            return; // the handler refuses larger bodies before parsing
        }
        try {
            BatchRequest request = BatchBodyParser.parse(input);
            assertThat(request.size()).isBetween(1, RequestLimits.MAX_BATCH_SIZE);
        } catch (BadRequestException e) {
            assertClear(e);
        }
    }

    private static void assertClear(BadRequestException e) {
        assertThat(e.field()).isNotNull(); // may be empty: "=x" names the parameter ""
        assertThat(e.getMessage()).isNotBlank();
    }
}
