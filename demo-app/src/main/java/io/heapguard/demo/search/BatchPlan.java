package io.heapguard.demo.search;

import io.heapguard.demo.embed.QueryEmbeddingCache;
import io.heapguard.demo.embed.SentenceEmbedder;

/**
 * A batch together with what the caches already hold for it, looked up before the guarded call so
 * that the batch's estimate charges only the work left to do: a page found in the result cache
 * costs only its serialisation, and a query text whose embedding is cached skips the model.
 *
 * <p>The plan pins what it found: it holds the cached pages and embeddings, and the batch runs
 * from them. So a cache emptied between planning and running (the guard empties both under memory
 * pressure) cannot turn hits the estimate counted on into misses it did not charge.
 *
 * <p>Repeated texts within one batch are all counted as misses, though the later ones may find
 * what the first put in the caches: an over-estimate, the safe direction.
 */
public final class BatchPlan {

    private final BatchRequest request;
    /** Per entry: the page from the result cache, or null when the entry must be searched. */
    private final SearchResult[] cachedPages;
    /** Per entry: the given vector or the cached embedding, or null when the text must be embedded (or needs none). */
    private final float[][] knownVectors;
    private final int searches;
    private final int embeddings;
    private final long embeddedChars;
    private final long cachedHits;
    /** Searches to run per mode (vector counts exact too) and the fuzzy ones' expansion chars. */
    private int keywordSearches;
    private int fuzzySearches;
    private int vectorSearches;
    private int hybridSearches;
    private long fuzzyExpansionChars;
    private long parsedQueryChars;

    /** Looks every entry of {@code request} up in the caches; embeds and searches nothing. */
    BatchPlan(BatchRequest request, ResultCache resultCache, QueryEmbeddingCache embeddingCache) {
        this.request = request;
        this.cachedPages = new SearchResult[request.size()];
        this.knownVectors = new float[request.size()][];
        int toSearch = 0;
        int toEmbed = 0;
        long charsToEmbed = 0;
        long hitsCached = 0;
        for (int i = 0; i < request.size(); i++) {
            if (request.vectors() != null) {
                // given vectors: nothing to embed, and their pages are never cached
                knownVectors[i] = request.vectors().get(i);
                toSearch++;
                vectorSearches++;
                continue;
            }
            SearchRequest entry = request.entry(i);
            SearchResult page = ResultCache.cacheable(entry) ? resultCache.get(ResultCache.key(entry)) : null;
            if (page != null) {
                cachedPages[i] = page;
                hitsCached += page.hits().size();
                continue;
            }
            toSearch++;
            countSearch(entry);
            if (request.mode().embedsQuery()) {
                knownVectors[i] = embeddingCache.peek(entry.query());
                if (knownVectors[i] == null) {
                    toEmbed++;
                    charsToEmbed += Math.min(entry.query().length(), SentenceEmbedder.MAX_EMBEDDED_CHARS);
                }
            }
        }
        this.searches = toSearch;
        this.embeddings = toEmbed;
        this.embeddedChars = charsToEmbed;
        this.cachedHits = hitsCached;
    }

    private void countSearch(SearchRequest entry) {
        switch (entry.mode()) {
            case KEYWORD -> {
                keywordSearches++;
                parsedQueryChars += entry.query().length();
            }
            case FUZZY -> {
                fuzzySearches++;
                fuzzyExpansionChars += entry.fuzzyExpansionChars();
            }
            case VECTOR, EXACT -> vectorSearches++;
            case HYBRID -> {
                hybridSearches++;
                parsedQueryChars += entry.query().length();
            }
        }
    }

    public BatchRequest request() {
        return request;
    }

    /** Entries that run a Lucene search and load their page: every entry not found in the result cache. */
    public int searches() {
        return searches;
    }

    /** Query texts the model must embed: searched entries of a vector mode whose embedding is not cached. */
    public int embeddings() {
        return embeddings;
    }

    /** Characters of those texts as the model reads them (truncated): an embedding's cost grows with its text. */
    public long embeddedChars() {
        return embeddedChars;
    }

    /** Hits of the pages found in the result cache: they cost only their serialisation. */
    public long cachedHits() {
        return cachedHits;
    }

    /** Keyword entries to search. */
    public int keywordSearches() {
        return keywordSearches;
    }

    /** Fuzzy entries to search. */
    public int fuzzySearches() {
        return fuzzySearches;
    }

    /** Expansion chars of the fuzzy entries to search ({@link SearchRequest#fuzzyExpansionChars}). */
    public long fuzzyExpansionChars() {
        return fuzzyExpansionChars;
    }

    /** Chars of the keyword and hybrid texts to search: their parsed queries grow with them. */
    public long parsedQueryChars() {
        return parsedQueryChars;
    }

    /** Vector and exact entries to search (texts or given vectors). */
    public int vectorSearches() {
        return vectorSearches;
    }

    /** Hybrid entries to search. */
    public int hybridSearches() {
        return hybridSearches;
    }

    /** The cached page of entry {@code i}, or null when it must be searched. */
    SearchResult cachedPage(int i) {
        return cachedPages[i];
    }

    /** The given vector or cached embedding of entry {@code i}, or null when it has none yet. */
    float[] knownVector(int i) {
        return knownVectors[i];
    }
}
