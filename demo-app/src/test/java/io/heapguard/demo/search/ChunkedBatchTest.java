package io.heapguard.demo.search;

import io.heapguard.MemoryGuardException;
import io.heapguard.demo.embed.QueryEmbeddingCache;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch refused whole is served in chunks, in order; only entries refused alone go unserved. */
class ChunkedBatchTest {

    /** The guard stand-in: admits at most this many entries in one call. */
    private static final int ADMITTED_ENTRIES = 3;
    private final List<Integer> callSizes = new ArrayList<>();

    private List<SearchResult> guardedCall(BatchPlan chunk) {
        BatchRequest request = chunk.request();
        callSizes.add(request.size());
        boolean holdsHuge = request.queries().stream().anyMatch(q -> q.startsWith("huge"));
        if (request.size() > ADMITTED_ENTRIES || holdsHuge) {
            throw new MemoryGuardException(MemoryGuardException.Reason.INSUFFICIENT_MEMORY, "search.batch",
                    request.size() * 1_000_000L, 2_000_000L, 8_000_000L, null);
        }
        return IntStream.range(0, request.size())
                .mapToObj(i -> new SearchResult("keyword", request.queries().get(i), 0, 0, List.of())).toList();
    }

    private static BatchPlan plan(BatchRequest request) {
        return new BatchPlan(request, new ResultCache(0), new QueryEmbeddingCache(0));
    }

    private static List<String> queries(int count) {
        return IntStream.range(0, count).mapToObj(i -> "q" + i).toList();
    }

    @Test
    void refusedBatch_isServedInAdmittedChunks_inOrder() throws Exception {
        BatchRequest request = new BatchRequest(SearchMode.KEYWORD, 10, queries(10), null);

        BatchOutcome outcome = ChunkedBatch.serveInHalves(request, ChunkedBatchTest::plan, this::guardedCall);

        assertThat(outcome.complete()).isTrue();
        assertThat(outcome.results()).extracting(SearchResult::query).containsExactlyElementsOf(queries(10));
        // 10 -> 5 + 5 -> each 5 refused -> 2 + 3 served: every served call fits the guard
        assertThat(callSizes).containsExactly(5, 2, 3, 5, 2, 3);
        assertThat(outcome.calls()).isEqualTo(callSizes.size());
    }

    @Test
    void entryRefusedAlone_isReportedNotServed_othersAreServed() throws Exception {
        List<String> queries = new ArrayList<>(queries(6));
        queries.set(4, "huge query");
        BatchRequest request = new BatchRequest(SearchMode.KEYWORD, 10, queries, null);

        BatchOutcome outcome = ChunkedBatch.serveInHalves(request, ChunkedBatchTest::plan, this::guardedCall);

        assertThat(outcome.complete()).isFalse();
        assertThat(outcome.notServed()).singleElement().satisfies(entry -> {
            assertThat(entry.index()).isEqualTo(4);
            assertThat(entry.query()).isEqualTo("huge query");
            assertThat(entry.rejection().reason()).isEqualTo(MemoryGuardException.Reason.INSUFFICIENT_MEMORY);
        });
        assertThat(outcome.results().get(4)).isNull();
        assertThat(outcome.results()).filteredOn(r -> r != null).extracting(SearchResult::query)
                .containsExactly("q0", "q1", "q2", "q3", "q5");
    }

    @Test
    void chunkedOutcome_jsonNamesTheEntriesNotServed() throws Exception {
        List<String> queries = List.of("q0", "huge", "q2", "q3");
        BatchOutcome outcome = ChunkedBatch.serveInHalves(new BatchRequest(SearchMode.KEYWORD, 10, queries, null),
                ChunkedBatchTest::plan, this::guardedCall);

        String json = ResultJson.serializeBatch(outcome).toString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(json).contains("\"results\":[{", "null,{", "\"notServed\":[{\"index\":1,\"query\":\"huge\",\"reason\":\"INSUFFICIENT_MEMORY\"");
    }
}
