package io.heapguard.demo.search;

import io.heapguard.OnMemoryPressure;
import io.heapguard.demo.embed.QueryEmbeddingCache;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The caches stay within their bounds and free real memory when the guard asks. */
class CachesTest {

    private static SearchResult page(String text, int hits) {
        List<SearchHit> list = new java.util.ArrayList<>();
        for (int i = 0; i < hits; i++) {
            list.add(new SearchHit(i + 1, "n" + i, "word", 1f, text));
        }
        return new SearchResult("keyword", "q", hits, 1, list);
    }

    @Test
    void resultCache_overBound_evictsLeastRecentlyUsed() {
        ResultCache cache = new ResultCache(10_000);
        cache.put("a", page("x".repeat(1_000), 2));
        cache.put("b", page("x".repeat(1_000), 2));
        cache.get("a");
        cache.put("c", page("x".repeat(1_000), 2));

        assertThat(cache.bytes()).isLessThanOrEqualTo(10_000);
        assertThat(cache.get("a")).isNotNull();
        assertThat(cache.get("b")).isNull();
    }

    @Test
    void resultCache_entryLargerThanBound_isNotKept() {
        ResultCache cache = new ResultCache(1_000);
        cache.put("big", page("x".repeat(10_000), 1));

        assertThat(cache.size()).isZero();
    }

    @Test
    void resultCache_invalidateAll_returnsBytesFreedAndEmpties() {
        ResultCache cache = new ResultCache(1_000_000);
        cache.put("a", page("x".repeat(1_000), 3));
        long held = cache.bytes();

        assertThat(cache.invalidateAll()).isEqualTo(held).isGreaterThan(6_000);
        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void resultCache_onlySmallPagesAreCacheable() {
        assertThat(ResultCache.cacheable(SearchRequest.of(SearchMode.KEYWORD, "a", 10))).isTrue();
        assertThat(ResultCache.cacheable(new SearchRequest(SearchMode.KEYWORD, "a", 10, 1_000, 2))).isFalse();
    }

    @Test
    void embeddingCache_hit_doesNotEmbedAgain() {
        QueryEmbeddingCache cache = new QueryEmbeddingCache(2);
        AtomicInteger embeddings = new AtomicInteger();
        cache.get("tiger", text -> { embeddings.incrementAndGet(); return new float[384]; });
        cache.get("tiger", text -> { embeddings.incrementAndGet(); return new float[384]; });

        assertThat(embeddings).hasValue(1);
    }

    @Test
    void embeddingCache_isBoundedAndFreesOnPressure() {
        QueryEmbeddingCache cache = new QueryEmbeddingCache(2);
        for (String text : List.of("a", "b", "c")) {
            cache.get(text, t -> new float[384]);
        }
        assertThat(cache.size()).isEqualTo(2);

        assertThat(cache.invalidateAll()).isGreaterThan(2 * 384 * 4);
        assertThat(cache.size()).isZero();
    }

    @Test
    void caches_markTheirEvictionForTheGuard() throws NoSuchMethodException {
        assertThat(ResultCache.class.getMethod("invalidateAll").isAnnotationPresent(OnMemoryPressure.class)).isTrue();
        assertThat(QueryEmbeddingCache.class.getMethod("invalidateAll").isAnnotationPresent(OnMemoryPressure.class)).isTrue();
    }
}
