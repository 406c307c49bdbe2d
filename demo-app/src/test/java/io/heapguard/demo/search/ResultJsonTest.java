package io.heapguard.demo.search;

import io.heapguard.demo.TestServices;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch's JSON is written into a buffer sized once, close to what it needs. */
class ResultJsonTest {

    @Test
    void serializeBatch_realPages_fitTheBufferSizedUpFront() throws IOException {
        BatchRequest request = new BatchRequest(SearchMode.KEYWORD, 100, List.of("cat", "water", "music \"strings\""), null);
        List<SearchResult> results = TestServices.get().search().engine().batch(TestServices.get().search().engine().plan(request));
        assertThat(results).allSatisfy(result -> assertThat(result.hits()).isNotEmpty());

        ByteArrayOutputStream json = ResultJson.serializeBatch(results);
        int expected = ResultJson.expectedBatchBytes(results);

        // large enough that the buffer never had to grow, small enough not to waste much
        assertThat(expected).isGreaterThanOrEqualTo(json.size()).isLessThanOrEqualTo(json.size() * 5 / 4);
    }
}
