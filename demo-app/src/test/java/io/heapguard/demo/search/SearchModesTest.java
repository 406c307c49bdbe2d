package io.heapguard.demo.search;

import io.heapguard.demo.TestServices;
import io.heapguard.demo.index.IndexFields;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.heapguard.demo.TestServices.GUITAR;
import static io.heapguard.demo.TestServices.PIANO;
import static io.heapguard.demo.TestServices.TIGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Relevance facts a person can check against WordNet, per mode, on the real test slice. */
class SearchModesTest {

    private static GuardedSearch search;

    @BeforeAll
    static void open() {
        search = TestServices.get().search();
    }

    private static SearchResult run(SearchRequest request) throws IOException {
        AtomicReference<SearchResult> result = new AtomicReference<>();
        search.search(request, result::set);
        return result.get();
    }

    private static List<String> ids(SearchResult result) {
        return result.hits().stream().map(SearchHit::id).toList();
    }

    @Test
    void keyword_exactWord_findsItsSynsetAtTheTop() throws IOException {
        SearchResult result = run(SearchRequest.of(SearchMode.KEYWORD, "pianoforte", 3));

        assertThat(result.hits().get(0).id()).isEqualTo(PIANO);
        assertThat(result.hits().get(0).word()).contains("pianoforte");
        assertThat(result.total()).isGreaterThanOrEqualTo(result.hits().size());
    }

    @Test
    void keyword_fieldSyntax_searchesThatField() throws IOException {
        SearchResult result = run(SearchRequest.of(SearchMode.KEYWORD, "text:stripes AND text:feline", 10));

        assertThat(ids(result)).contains(TIGER);
        assertThat(result.hits()).allSatisfy(hit -> assertThat(hit.text()).containsIgnoringCase("stripe"));
    }

    @Test
    void keyword_brokenSyntax_isBadRequestNamingQ() {
        assertThatThrownBy(() -> run(SearchRequest.of(SearchMode.KEYWORD, "tiger AND (stripes", 10)))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("q");
                    assertThat(e.getMessage()).startsWith("cannot parse query").doesNotContain("\n");
                });
    }

    @Test
    void fuzzy_oneTypo_findsTheWord() throws IOException {
        SearchResult result = run(new SearchRequest(SearchMode.FUZZY, "gutiar", 10, 0, 1));

        assertThat(ids(result)).contains(GUITAR);
        assertThat(result.hits()).allSatisfy(hit -> assertThat(hit.word() + " " + hit.text()).containsIgnoringCase("guitar"));
    }

    @Test
    void fuzzy_zeroEdits_doesNotForgiveTheTypo() throws IOException {
        SearchResult result = run(new SearchRequest(SearchMode.FUZZY, "gutiar", 10, 0, 0));

        assertThat(result.total()).isZero();
    }

    @Test
    void fuzzy_tooManyTerms_isBadRequest() {
        assertThatThrownBy(() -> run(SearchRequest.of(SearchMode.FUZZY, "a b c d e f g h i", 5)))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage()).contains("at most 8"));
    }

    @Test
    void vector_description_ranksTigerHigh() throws IOException {
        SearchResult result = run(SearchRequest.of(SearchMode.VECTOR, "large striped feline", 10));

        assertThat(ids(result)).contains(TIGER);
        assertThat(result.hits()).allSatisfy(hit -> assertThat(hit.word() + " " + hit.text())
                .containsAnyOf("cat", "feline", "lion", "tiger", "leopard"));
        assertThat(result.hits()).isSortedAccordingTo((a, b) -> Float.compare(b.score(), a.score()));
    }

    @Test
    void vector_paraphrase_findsThePianoFirst() throws IOException {
        SearchResult result = run(SearchRequest.of(SearchMode.VECTOR, "keyboard instrument with strings struck by hammers", 5));

        assertThat(result.hits().get(0).id()).isEqualTo(PIANO);
    }

    @Test
    void exact_agreesWithHnswOnTheTopHits() throws IOException {
        SearchResult exact = run(SearchRequest.of(SearchMode.EXACT, "large striped feline", 10));
        SearchResult approximate = run(SearchRequest.of(SearchMode.VECTOR, "large striped feline", 10));

        assertThat(exact.hits().get(0).id()).isEqualTo(approximate.hits().get(0).id());
        assertThat(ids(exact)).contains(TIGER);
        assertThat(exact.total()).isEqualTo(search.corpus().docs());
    }

    @Test
    void hybrid_fusesKeywordAndVectorRanks() throws IOException {
        SearchResult result = run(SearchRequest.of(SearchMode.HYBRID, "large striped feline", 10));

        assertThat(ids(result)).contains(TIGER);
        // reciprocal rank fusion: a document first in both legs scores 2/61, the most possible
        assertThat(result.hits()).allSatisfy(hit -> assertThat(hit.score()).isLessThanOrEqualTo(2f / 61 + 1e-6f));
    }

    @Test
    void deepPage_offsetContinuesTheRanking() throws IOException {
        SearchResult firstTwenty = run(new SearchRequest(SearchMode.KEYWORD, "animal OR plant", 20, 0, 2));
        SearchResult secondPage = run(new SearchRequest(SearchMode.KEYWORD, "animal OR plant", 10, 10, 2));

        assertThat(ids(secondPage)).isEqualTo(ids(firstTwenty).subList(10, 20));
        assertThat(secondPage.hits().get(0).rank()).isEqualTo(11);
    }

    @Test
    void deepPage_pastTheEnd_isEmptyButCounts() throws IOException {
        SearchResult result = run(new SearchRequest(SearchMode.KEYWORD, "feline", 10, 500_000, 2));

        assertThat(result.hits()).isEmpty();
        assertThat(result.total()).isPositive();
    }

    @Test
    void batch_queries_answersEachInOrder() throws IOException {
        BatchRequest request = new BatchRequest(SearchMode.VECTOR, 10,
                List.of("large striped feline", "keyboard instrument with strings struck by hammers"), null);
        List<SearchResult> results = new ArrayList<>();
        search.batch(request, TestBatchSink.into(results));

        assertThat(results).hasSize(2);
        assertThat(ids(results.get(0))).contains(TIGER);
        assertThat(ids(results.get(1))).contains(PIANO);
    }

    @Test
    void batch_vectors_searchesTheGivenVectors() throws IOException {
        float[] tigerVector = tigerVector();
        List<SearchResult> results = new ArrayList<>();
        search.batch(new BatchRequest(SearchMode.EXACT, 1, null, List.of(tigerVector)), TestBatchSink.into(results));

        // the stored vector of the tiger synset is closest to itself
        assertThat(ids(results.get(0))).containsExactly(TIGER);
        assertThat(results.get(0).query()).isEqualTo("vectors[0]");
    }

    @Test
    void export_streamsEveryMatchWithItsText() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long count = search.export(new ExportRequest("feline"), search.corpus(), () -> out);
        SearchResult counted = run(SearchRequest.of(SearchMode.KEYWORD, "feline", 1));

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(count).isEqualTo(counted.total()).isEqualTo(lines.length);
        assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("{\"id\":").contains("\"text\":"));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(TIGER);
    }

    @Test
    void export_noMatch_writesNothing() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long count = search.export(new ExportRequest("qwertyuiopzz"), search.corpus(), () -> out);

        assertThat(count).isZero();
        assertThat(out.size()).isZero();
    }

    private static float[] tigerVector() throws IOException {
        var reader = TestServices.get().index().reader();
        var searcher = TestServices.get().index().searcher();
        var top = searcher.search(new org.apache.lucene.search.TermQuery(
                new org.apache.lucene.index.Term(IndexFields.ID, TIGER)), 1);
        int doc = top.scoreDocs[0].doc;
        for (var leaf : reader.leaves()) {
            if (doc >= leaf.docBase && doc < leaf.docBase + leaf.reader().maxDoc()) {
                var values = leaf.reader().getFloatVectorValues(IndexFields.VECTOR);
                values.advance(doc - leaf.docBase);
                return values.vectorValue().clone();
            }
        }
        throw new AssertionError("tiger not in the index");
    }
}
