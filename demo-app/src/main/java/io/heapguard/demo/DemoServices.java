package io.heapguard.demo;

import io.heapguard.demo.corpus.Corpus;
import io.heapguard.demo.corpus.CorpusSlice;
import io.heapguard.demo.embed.QueryEmbeddingCache;
import io.heapguard.demo.embed.SentenceEmbedder;
import io.heapguard.demo.index.IndexStore;
import io.heapguard.demo.index.SearchIndex;
import io.heapguard.demo.search.GuardedSearch;
import io.heapguard.demo.search.ResultCache;
import io.heapguard.demo.search.SearchEngine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** Everything a search needs, opened together (index built on first use) and closed together. */
public final class DemoServices implements AutoCloseable {

    private final SentenceEmbedder embedder;
    private final SearchIndex index;
    private final QueryEmbeddingCache embeddingCache;
    private final ResultCache resultCache;
    private final GuardedSearch search;

    private DemoServices(SentenceEmbedder embedder, SearchIndex index, QueryEmbeddingCache embeddingCache,
                         ResultCache resultCache) {
        this.embedder = embedder;
        this.index = index;
        this.embeddingCache = embeddingCache;
        this.resultCache = resultCache;
        this.search = new GuardedSearch(new SearchEngine(index, embedder, embeddingCache, resultCache));
    }

    /** Opens the index for the slice at {@code dir} (building it if needed), with default cache sizes. */
    public static DemoServices open(Path dir, Corpus corpus, CorpusSlice slice, PrintStream log) throws IOException {
        return open(dir, corpus, slice, log, QueryEmbeddingCache.DEFAULT_MAX_ENTRIES, ResultCache.DEFAULT_MAX_BYTES);
    }

    public static DemoServices open(Path dir, Corpus corpus, CorpusSlice slice, PrintStream log,
                                    int embeddingCacheEntries, long resultCacheBytes) throws IOException {
        SentenceEmbedder embedder = new SentenceEmbedder();
        try {
            SearchIndex index = new IndexStore(embedder, log).openOrBuild(dir, corpus, slice);
            return new DemoServices(embedder, index, new QueryEmbeddingCache(embeddingCacheEntries),
                    new ResultCache(resultCacheBytes));
        } catch (IOException | RuntimeException e) {
            embedder.close();
            throw e;
        }
    }

    public GuardedSearch search() {
        return search;
    }

    public SearchIndex index() {
        return index;
    }

    public QueryEmbeddingCache embeddingCache() {
        return embeddingCache;
    }

    public ResultCache resultCache() {
        return resultCache;
    }

    @Override
    public void close() throws IOException {
        try {
            index.close();
        } finally {
            embedder.close();
        }
    }
}
