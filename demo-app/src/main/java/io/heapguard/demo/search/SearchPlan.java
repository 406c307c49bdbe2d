package io.heapguard.demo.search;

import io.heapguard.demo.embed.QueryEmbeddingCache;
import io.heapguard.demo.embed.SentenceEmbedder;

/**
 * A single search together with what the caches already hold for it, looked up before the guarded
 * call like a {@link BatchPlan}: a page found in the result cache costs only its serialisation,
 * and a query whose embedding is cached skips the model. The plan pins what it found, so caches
 * emptied in between cannot turn a charged hit into an uncharged miss.
 */
public final class SearchPlan {

    private final SearchRequest request;
    private final SearchResult cachedPage;
    private final float[] knownVector;

    SearchPlan(SearchRequest request, ResultCache resultCache, QueryEmbeddingCache embeddingCache) {
        this.request = request;
        this.cachedPage = ResultCache.cacheable(request) ? resultCache.get(ResultCache.key(request)) : null;
        this.knownVector = cachedPage == null && request.mode().embedsQuery() ? embeddingCache.peek(request.query()) : null;
    }

    public SearchRequest request() {
        return request;
    }

    /** 1 when the search must run, 0 when its page is cached: estimates multiply the search's cost by it. */
    public int searches() {
        return cachedPage == null ? 1 : 0;
    }

    /** 1 when the model must embed the query (a vector mode, nothing cached), else 0. */
    public int embeddings() {
        return searches() == 1 && request.mode().embedsQuery() && knownVector == null ? 1 : 0;
    }

    /** Characters the model reads when it embeds the query (truncated as it truncates), else 0. */
    public long embeddedChars() {
        return embeddings() == 0 ? 0 : Math.min(request.query().length(), SentenceEmbedder.MAX_EMBEDDED_CHARS);
    }

    /** Hits of the cached page: they cost only their serialisation. */
    public long cachedHits() {
        return cachedPage == null ? 0 : cachedPage.hits().size();
    }

    SearchResult cachedPage() {
        return cachedPage;
    }

    float[] knownVector() {
        return knownVector;
    }
}
