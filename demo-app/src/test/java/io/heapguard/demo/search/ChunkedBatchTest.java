package io.heapguard.demo.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapguard.MemoryGuardException;
import io.heapguard.demo.embed.QueryEmbeddingCache;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch refused whole is served in chunks, in order, each chunk's results written during its own
 * call; only entries refused alone go unserved, and the answer names them.
 */
class ChunkedBatchTest {

    /** The guard stand-in: admits at most this many entries in one call, and never a "huge" query. */
    private static final int ADMITTED_ENTRIES = 3;
    private final List<Integer> callSizes = new ArrayList<>();
    private final ByteArrayOutputStream answer = new ByteArrayOutputStream();
    private final ChunkedBatchJson json = new ChunkedBatchJson(new BatchSink() {
        @Override
        public void accept(List<SearchResult> results) {
            throw new AssertionError("a chunked batch is streamed");
        }

        @Override
        public OutputStream openStream() {
            return answer;
        }
    });

    /** Like the guarded method: refused before it runs, or runs and writes its results within the call. */
    private void guardedCall(BatchPlan chunk) throws IOException {
        BatchRequest request = chunk.request();
        callSizes.add(request.size());
        boolean holdsHuge = request.queries().stream().anyMatch(q -> q.startsWith("huge"));
        if (request.size() > ADMITTED_ENTRIES || holdsHuge) {
            throw new MemoryGuardException(MemoryGuardException.Reason.INSUFFICIENT_MEMORY, "search.batch",
                    request.size() * 1_000_000L, 2_000_000L, 8_000_000L, null);
        }
        int before = answer.size();
        json.write(IntStream.range(0, request.size())
                .mapToObj(i -> new SearchResult("keyword", request.queries().get(i), 0, 0, List.of())).toList());
        assertThat(answer.size()).as("a chunk's results are written out during its call").isGreaterThan(before);
    }

    /** Entries the waiting call admits (memory freed while it waited); the immediate call never does. */
    private final List<String> admittedAfterWait = new ArrayList<>();
    private final List<Integer> waitingCalls = new ArrayList<>();
    private long nowNanos;

    /** Like the waiting guarded method: admits what memory freed for meanwhile, else refuses after its wait. */
    private void waitingCall(BatchPlan chunk) throws IOException {
        BatchRequest request = chunk.request();
        waitingCalls.add(request.size());
        nowNanos += TimeUnit.MILLISECONDS.toNanos(GuardedSearch.BATCH_ENTRY_MAX_WAIT_MILLIS);
        if (admittedAfterWait.containsAll(request.queries())) {
            json.write(request.queries().stream().map(q -> new SearchResult("keyword", q, 0, 0, List.of())).toList());
            return;
        }
        throw new MemoryGuardException(MemoryGuardException.Reason.MEMORY_PRESSURE_TOO_HIGH, "search.batch",
                1_000_000L, 2_000_000L, 8_000_000L, null);
    }

    private BatchOutcome serve(List<String> queries) throws IOException {
        BatchOutcome outcome = ChunkedBatch.serveInHalves(new BatchRequest(SearchMode.KEYWORD, 10, queries, null),
                ChunkedBatchTest::plan, new ChunkedBatch.Calls(this::guardedCall, this::waitingCall), json::notServed,
                GuardedSearch.BATCH_WAIT_ALLOWANCE, () -> nowNanos);
        if (json.opened()) {
            json.finish(outcome);
        }
        return outcome;
    }

    private JsonNode answerJson() throws IOException {
        return new ObjectMapper().readTree(answer.toByteArray());
    }

    private static BatchPlan plan(BatchRequest request) {
        return new BatchPlan(request, new ResultCache(0), new QueryEmbeddingCache(0));
    }

    private static List<String> queries(int count) {
        return IntStream.range(0, count).mapToObj(i -> "q" + i).toList();
    }

    @Test
    void refusedBatch_isServedInAdmittedChunks_inOrder() throws Exception {
        BatchOutcome outcome = serve(queries(10));

        assertThat(outcome.notServed()).isEmpty();
        // 10 refused whole -> 5 + 5, each refused -> 2 + 3 served: every served call fits the guard
        assertThat(callSizes).containsExactly(5, 2, 3, 5, 2, 3);
        assertThat(outcome.calls()).isEqualTo(callSizes.size());
        assertThat(waitingCalls).as("nothing refused alone: nothing waits").isEmpty();
        JsonNode json = answerJson();
        assertThat(json.path("results").findValuesAsText("query")).containsExactlyElementsOf(queries(10));
        assertThat(json.path("notServed")).isEmpty();
        assertThat(json.path("calls").asInt()).isEqualTo(6);
    }

    @Test
    void entryRefusedAlone_isNullAndNamedInNotServed_othersAreServed() throws Exception {
        List<String> queries = new ArrayList<>(queries(6));
        queries.set(4, "huge query");

        BatchOutcome outcome = serve(queries);

        assertThat(outcome.notServed()).singleElement().satisfies(entry -> {
            assertThat(entry.index()).isEqualTo(4);
            assertThat(entry.rejection().reason()).as("the waiting call's refusal")
                    .isEqualTo(MemoryGuardException.Reason.MEMORY_PRESSURE_TOO_HIGH);
        });
        JsonNode json = answerJson();
        assertThat(json.path("results")).hasSize(6);
        assertThat(json.path("results").get(4).isNull()).isTrue();
        assertThat(json.path("results").findValuesAsText("query")).containsExactly("q0", "q1", "q2", "q3", "q5");
        assertThat(json.path("notServed").get(0).path("index").asInt()).isEqualTo(4);
        assertThat(json.path("notServed").get(0).path("query").asText()).isEqualTo("huge query");
        assertThat(json.path("notServed").get(0).path("reason").asText()).isEqualTo("MEMORY_PRESSURE_TOO_HIGH");
        assertThat(waitingCalls).as("the entry refused alone was tried once more, with a wait").containsExactly(1);
    }

    @Test
    void entriesRefusedBeforeTheFirstServedChunk_areWrittenWhenTheAnswerOpens() throws Exception {
        BatchOutcome outcome = serve(List.of("huge", "huge too", "q2", "q3"));

        assertThat(outcome.notServed()).extracting(BatchOutcome.NotServed::index).containsExactly(0, 1);
        JsonNode results = answerJson().path("results");
        assertThat(results).hasSize(4);
        assertThat(results.get(0).isNull() && results.get(1).isNull()).isTrue();
        assertThat(results.get(2).path("query").asText()).isEqualTo("q2");
    }

    @Test
    void nothingServed_answerNeverOpened() throws Exception {
        BatchOutcome outcome = serve(List.of("huge", "huge too"));

        assertThat(json.opened()).as("no 200 committed: the caller answers 429").isFalse();
        assertThat(outcome.notServed()).hasSize(2);
        assertThat(answer.size()).isZero();
    }

    @Test
    void entriesRefusedAlone_areServedWhenTheirWaitAdmitsThem() throws Exception {
        admittedAfterWait.addAll(List.of("huge 1", "huge 3"));

        BatchOutcome outcome = serve(List.of("q0", "huge 1", "q2", "huge 3"));

        assertThat(outcome.notServed()).isEmpty();
        assertThat(waitingCalls).containsExactly(1, 1);
        assertThat(answerJson().path("results").findValuesAsText("query")).containsExactly("q0", "huge 1", "q2", "huge 3");
    }

    @Test
    void afterTheWaitAllowance_refusedEntriesAreNotRetried() throws Exception {
        long allowedWaits = GuardedSearch.BATCH_WAIT_ALLOWANCE.toMillis() / GuardedSearch.BATCH_ENTRY_MAX_WAIT_MILLIS;
        List<String> queries = IntStream.range(0, (int) allowedWaits + 3).mapToObj(i -> "huge " + i).toList();

        BatchOutcome outcome = serve(queries);

        assertThat(waitingCalls).as("one waiting retry per entry until the allowance is spent").hasSize((int) allowedWaits);
        assertThat(outcome.notServed()).hasSize(queries.size());
        assertThat(json.opened()).isFalse();
    }
}
