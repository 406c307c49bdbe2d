package io.heapguard.demo;

import io.heapguard.demo.corpus.Corpus;
import io.heapguard.demo.corpus.CorpusSlice;
import io.heapguard.demo.embed.QueryEmbeddingCache;
import io.heapguard.demo.embed.SentenceEmbedder;
import io.heapguard.demo.index.BuildProgress;
import io.heapguard.demo.index.IndexStore;
import io.heapguard.demo.index.LiveIndex;
import io.heapguard.demo.index.SearchIndex;
import io.heapguard.demo.search.GuardedSearch;
import io.heapguard.demo.search.ResultCache;
import io.heapguard.demo.search.SearchEngine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Everything a search needs, opened together and closed together. {@link #open} returns once the
 * complete index is there (built on first use); {@link #openForServing} returns as soon as keyword
 * search can be served, the vectors still being built.
 */
public final class DemoServices implements AutoCloseable {

    private final SentenceEmbedder embedder;
    private final LiveIndex index;
    private final QueryEmbeddingCache embeddingCache;
    private final ResultCache resultCache;
    private final GuardedSearch search;

    private DemoServices(SentenceEmbedder embedder, LiveIndex index, QueryEmbeddingCache embeddingCache,
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
            return new DemoServices(embedder, LiveIndex.complete(index), new QueryEmbeddingCache(embeddingCacheEntries),
                    new ResultCache(resultCacheBytes));
        } catch (IOException | RuntimeException e) {
            embedder.close();
            throw e;
        }
    }

    /**
     * For a server: returns once keyword search can be served; without a complete cached index the
     * vectors are built in the background and the service switches to the complete index when done.
     */
    public static DemoServices openForServing(IndexStore.Factory stores, Path dir, Corpus corpus, CorpusSlice slice,
                                              BuildProgress listener, int embeddingCacheEntries, long resultCacheBytes)
            throws IOException {
        SentenceEmbedder embedder = new SentenceEmbedder();
        try {
            LiveIndex index = stores.create(embedder).openForServing(dir, corpus, slice, listener);
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

    /** The complete index of services opened with {@link #open} (never replaced). */
    public SearchIndex index() {
        return index.completeIndex();
    }

    public LiveIndex liveIndex() {
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
            index.close(); // stops a running vector build first
        } finally {
            if (!index.buildRunning()) {
                embedder.close();
            } // else the build did not stop in time and is still in the model: the exiting JVM frees it
        }
    }
}
