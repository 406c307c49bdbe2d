package io.heapguard.demo.search;

import io.heapguard.demo.DemoServices;
import io.heapguard.demo.TestServices;
import io.heapguard.demo.embed.SentenceEmbedder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static io.heapguard.demo.TestServices.TIGER;
import static org.assertj.core.api.Assertions.assertThat;

/** A batch's plan counts what the caches hold for it, and the batch runs from what it pinned. */
class BatchPlanTest {

    /** Larger than ResultCache.MAX_CACHED_WINDOW: such pages are never cached, only their embeddings. */
    private static final int UNCACHED_K = 200;

    private static DemoServices services;
    private static SearchEngine engine;

    @BeforeAll
    static void open() {
        services = TestServices.get();
        engine = services.search().engine();
    }

    private static BatchRequest vectorBatch(int k, String... queries) {
        return new BatchRequest(SearchMode.VECTOR, k, List.of(queries), null);
    }

    private static List<List<String>> ids(List<SearchResult> results) {
        return results.stream().map(result -> result.hits().stream().map(SearchHit::id).toList()).toList();
    }

    @Test
    void plan_newTexts_searchesAndEmbedsEach() {
        BatchPlan plan = engine.plan(vectorBatch(5, "plan cold striped feline", "plan cold keyboard"));

        assertThat(plan.searches()).isEqualTo(2);
        assertThat(plan.embeddings()).isEqualTo(2);
        assertThat(plan.embeddedChars()).isEqualTo("plan cold striped feline".length() + "plan cold keyboard".length());
        assertThat(plan.cachedHits()).isZero();
    }

    @Test
    void plan_afterTheBatchRan_findsItsPagesCached() throws IOException {
        BatchRequest request = vectorBatch(5, "plan warm striped feline", "plan warm keyboard");
        List<SearchResult> first = engine.batch(engine.plan(request));

        BatchPlan plan = engine.plan(request);

        assertThat(plan.searches()).isZero();
        assertThat(plan.embeddings()).isZero();
        assertThat(plan.cachedHits()).isEqualTo(first.get(0).hits().size() + first.get(1).hits().size()).isEqualTo(10);
    }

    @Test
    void plan_pagesTooLargeToCache_searchesAgainFromCachedEmbeddings() throws IOException {
        BatchRequest request = vectorBatch(UNCACHED_K, "plan large striped feline", "plan large keyboard");
        engine.batch(engine.plan(request));

        BatchPlan plan = engine.plan(request);

        assertThat(plan.searches()).isEqualTo(2);
        assertThat(plan.embeddings()).isZero();
        assertThat(plan.cachedHits()).isZero();
    }

    @Test
    void plan_keywordBatch_embedsNothing() {
        BatchPlan plan = engine.plan(new BatchRequest(SearchMode.KEYWORD, 5, List.of("plan keyword tiger", "plan keyword lion"), null));

        assertThat(plan.searches()).isEqualTo(2);
        assertThat(plan.embeddings()).isZero();
    }

    @Test
    void plan_givenVectors_searchesEachAndEmbedsNone() {
        float[] unit = new float[SentenceEmbedder.DIMENSIONS];
        unit[0] = 1f;

        BatchPlan plan = engine.plan(new BatchRequest(SearchMode.EXACT, 3, null, List.of(unit, unit)));

        assertThat(plan.searches()).isEqualTo(2);
        assertThat(plan.embeddings()).isZero();
    }

    @Test
    void batch_cachesEmptiedAfterPlanning_runsFromThePinnedPages() throws IOException {
        BatchRequest request = vectorBatch(10, "large striped feline", "pinned keyboard instrument");
        List<SearchResult> warm = engine.batch(engine.plan(request));
        BatchPlan plan = engine.plan(request);

        // as the guard does under memory pressure, between the estimate and the call
        services.resultCache().invalidateAll();
        services.embeddingCache().invalidateAll();
        List<SearchResult> pinned = engine.batch(plan);

        assertThat(ids(pinned)).isEqualTo(ids(warm));
        assertThat(ids(pinned).get(0)).contains(TIGER);
        // nothing was searched or embedded again: either would have refilled a cache
        assertThat(services.resultCache().size()).isZero();
        assertThat(services.embeddingCache().size()).isZero();
    }

    @Test
    void batch_cachesEmptiedAfterPlanning_searchesWithThePinnedEmbeddings() throws IOException {
        BatchRequest request = vectorBatch(UNCACHED_K, "large striped feline", "pinned large keyboard");
        List<SearchResult> warm = engine.batch(engine.plan(request));
        BatchPlan plan = engine.plan(request);
        assertThat(plan.embeddings()).isZero();

        services.embeddingCache().invalidateAll();
        List<SearchResult> pinned = engine.batch(plan);

        assertThat(ids(pinned)).isEqualTo(ids(warm));
        // searched again, but not embedded again: an embedding would have refilled the cache
        assertThat(services.embeddingCache().size()).isZero();
    }
}
