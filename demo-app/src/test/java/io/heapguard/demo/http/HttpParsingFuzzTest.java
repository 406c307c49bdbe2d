package io.heapguard.demo.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.heapguard.demo.search.BadRequestException;
import io.heapguard.demo.search.BatchRequest;
import io.heapguard.demo.search.RequestLimits;
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

    @FuzzTest(maxDuration = "5s")
    public void searchQuery(byte[] input) {
        String rawQuery = new String(input, StandardCharsets.UTF_8);
        try {
            SearchRequest request = SearchHandlers.Search.parse(rawQuery);
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
