package io.heapguard.demo.search;

import com.fasterxml.jackson.core.JsonGenerator;
import io.heapguard.MemoryAware;
import io.heapguard.MemoryGuardException;
import io.heapguard.OnReject;
import io.heapguard.demo.index.CorpusStats;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/**
 * The service's memory-hungry entry points, each {@link MemoryAware}: with the heapguard agent,
 * every call is sized by its estimate and admitted or rejected before it runs.
 *
 * <p>Each method does the whole request, search and delivery: the sink serialises the result and
 * writes it to the client inside the call, so the reservation covers the time the memory is really
 * held, a slow client included.
 *
 * <p>The estimates model what each call allocates and holds (docs/demo-estimates.md has the
 * measured ratios): a per-call base, the ranking queue Lucene preallocates for {@code offset + k}
 * entries (capped at the index size), and per returned hit its stored fields and text several
 * times over. The parameter {@code corpus} tells the expressions how large the index and a hit are;
 * a batch's {@code plan} tells them what the caches already hold for it.
 */
public final class GuardedSearch {

    /** Slots Lucene ranks: {@code offset + k}, capped at the index size as IndexSearcher caps it. */
    static final String WINDOW = "min(req.offset + req.k, corpus.docs)";
    /** Hits the page returns, assuming enough matches (an upper bound for narrow queries). */
    static final String PAGE_HITS = "min(req.k, max(corpus.docs - req.offset, 0))";
    /**
     * Per returned hit: its stored fields decompressed (measured ~5 KiB a hit, dominated by the
     * stored-fields block buffers) plus its text decoded, in the result and serialised to JSON.
     */
    static final String HIT_BYTES = "(corpus.avgHitBytes * 10 + 5KB)";

    /**
     * What the model allocates on the Java heap per text embedded, growing with the text (tokens,
     * the hidden states copied out of ONNX Runtime: 384 floats a word piece); measured in
     * docs/demo-estimates.md.
     */
    static final String EMBEDDINGS = "(plan.embeddings * 16KB + plan.embeddedChars * 512)";
    /**
     * A single page found in the result cache is only serialised, into a buffer sized once
     * ({@link ResultJson#serialize}): its text plus ~130 bytes of JSON a hit, a quarter to spare.
     */
    private static final String CACHED_HIT_BYTES_SINGLE = "((corpus.avgHitBytes + 128) * 5 / 4)";
    static final String CACHED_PAGE = "plan.cachedHits * " + CACHED_HIT_BYTES_SINGLE;

    /**
     * Parsing the query text into a clause per term and field, with their scorers: measured 3.5 to
     * 6 KiB a query char (a 1,000-char query text allocates ~6 MiB in the keyword leg alone).
     */
    static final String QUERY_TEXT = "len(req.query) * 8KB";
    /** Parsing and scoring, a preallocated queue of 48 bytes a slot, and the page. */
    static final String KEYWORD_SEARCH = "64KB + " + QUERY_TEXT + " + " + WINDOW + " * 48 + " + PAGE_HITS + " * " + HIT_BYTES;
    /**
     * Levenshtein automata and term expansion (50 per term and field, in every segment) cost per
     * query char and segment, growing with the square of the edit distance (measured ~70 KiB a
     * char at 1 edit, ~280 KiB at 2); short terms at 2 edits match many more terms per char
     * ({@link SearchRequest#fuzzyExpansionChars}).
     */
    static final String FUZZY_SEARCH = "256KB + corpus.segments * req.fuzzyExpansionChars * 72KB + "
            + WINDOW + " * 48 + " + PAGE_HITS + " * " + HIT_BYTES;
    /** HNSW search per segment whose queues and results grow with offset + k. */
    static final String VECTOR_SEARCH = "corpus.segments * 96KB + " + WINDOW + " * 160 + " + PAGE_HITS + " * " + HIT_BYTES;
    /** Every vector scored into a preallocated queue of offset + k. */
    static final String EXACT_SEARCH = "corpus.segments * 96KB + " + WINDOW + " * 48 + " + PAGE_HITS + " * " + HIT_BYTES;
    /** Both legs at depth max(offset + k, 50), in every segment (the keyword leg parses the text), and the fusion map. */
    static final String HYBRID_SEARCH = "64KB + " + QUERY_TEXT + " + corpus.segments * 320KB + " + WINDOW + " * 320 + " + PAGE_HITS + " * " + HIT_BYTES;

    /**
     * A single search costs its search unless the plan found its page cached ({@code plan.searches}
     * is 0 then), plus the query's embedding unless cached, plus the serialisation of a cached page.
     */
    static final String KEYWORD_ESTIMATE = "512 + plan.searches * (" + KEYWORD_SEARCH + ") + " + CACHED_PAGE;
    static final String FUZZY_ESTIMATE = "512 + plan.searches * (" + FUZZY_SEARCH + ") + " + CACHED_PAGE;
    static final String VECTOR_ESTIMATE = "512 + plan.searches * (" + VECTOR_SEARCH + ") + " + EMBEDDINGS + " + " + CACHED_PAGE;
    static final String EXACT_ESTIMATE = "512 + plan.searches * (" + EXACT_SEARCH + ") + " + EMBEDDINGS + " + " + CACHED_PAGE;
    static final String HYBRID_ESTIMATE = "512 + plan.searches * (" + HYBRID_SEARCH + ") + " + EMBEDDINGS + " + " + CACHED_PAGE;
    /** Entries of a batch page: {@code k} hits each, capped at the index size. */
    static final String BATCH_PAGE_HITS = "min(plan.request.k, corpus.docs)";
    /**
     * A hit of a page found in the result cache is only serialised, into a buffer sized once
     * ({@link ResultJson#serializeBatch}): its text plus ~130 bytes of JSON (measured 224 bytes a hit
     * on WordNet), with a quarter to spare for text that is not ASCII.
     */
    static final String CACHED_HIT_BYTES = "((corpus.avgHitBytes + 128) * 5 / 4)";
    /**
     * Each entry of the batch runs in turn and every page is held until the response is written.
     * Only what the caches do not already hold is charged ({@link BatchPlan}, looked up before the
     * call): per result-cache miss its page and the search of its mode (the plan counts the misses
     * per mode, the chars of the keyword and hybrid texts parsed, and the fuzzy entries' expansion
     * chars), the model per text not yet embedded,
     * serialisation per cached hit. With cold caches that is every entry's full cost.
     */
    static final String BATCH_ESTIMATE = "1KB + plan.searches * " + BATCH_PAGE_HITS + " * (160 + " + HIT_BYTES + ")"
            + " + plan.vectorSearches * corpus.segments * 48KB"
            + " + plan.keywordSearches * 64KB + plan.parsedQueryChars * 8KB"
            + " + plan.hybridSearches * (64KB + corpus.segments * 320KB)"
            + " + plan.fuzzySearches * 256KB + plan.fuzzyExpansionChars * corpus.segments * 72KB"
            + " + plan.embeddings * 16KB + plan.embeddedChars * 512 + plan.cachedHits * " + CACHED_HIT_BYTES;
    /**
     * What an export holds at once: output buffer, JSON generator, per-segment stored-fields
     * buffers and one document. It allocates per match too, but that is garbage at once: memory held stays flat.
     */
    static final String EXPORT_ESTIMATE = "64KB + corpus.segments * 384KB + corpus.maxHitBytes * 8";
    /** Export output buffer, in bytes: large enough for few syscalls, small enough to hold per request. */
    static final int EXPORT_BUFFER_BYTES = 64 * 1024;

    /**
     * How long a batch served in chunks may keep retrying refused entries with a wait: past it, the
     * rest of the refused entries are not served. Bounds the answer's delay (the client waits for
     * the whole answer) while slow readers hold memory for seconds.
     */
    static final Duration BATCH_WAIT_ALLOWANCE = Duration.ofSeconds(5);
    /** The longest one refused batch entry waits for memory, within {@link #BATCH_WAIT_ALLOWANCE}. */
    static final long BATCH_ENTRY_MAX_WAIT_MILLIS = 1_000;

    private final SearchEngine engine;

    public GuardedSearch(SearchEngine engine) {
        this.engine = engine;
    }

    public SearchEngine engine() {
        return engine;
    }

    public CorpusStats corpus() {
        return engine.stats();
    }

    /**
     * Runs a search in the guarded method of its mode and hands the result to the sink; first looks
     * up what the caches hold for it, so the estimate charges only the work left. A vector mode
     * while the vectors are still built is refused before any of that ({@link VectorsNotReadyException}).
     */
    public void search(SearchRequest req, ResultSink<SearchResult> sink) throws IOException {
        engine.requireIndexFor(req.mode());
        CorpusStats corpus = corpus();
        SearchPlan plan = engine.plan(req);
        switch (req.mode()) {
            case KEYWORD -> keyword(req, corpus, plan, sink);
            case FUZZY -> fuzzy(req, corpus, plan, sink);
            case VECTOR -> vector(req, corpus, plan, sink);
            case EXACT -> exact(req, corpus, plan, sink);
            case HYBRID -> hybrid(req, corpus, plan, sink);
        }
    }

    @MemoryAware(operation = "search.keyword", estimate = KEYWORD_ESTIMATE)
    public void keyword(SearchRequest req, CorpusStats corpus, SearchPlan plan, ResultSink<SearchResult> sink) throws IOException {
        run(SearchMode.KEYWORD, plan, sink);
    }

    @MemoryAware(operation = "search.fuzzy", estimate = FUZZY_ESTIMATE)
    public void fuzzy(SearchRequest req, CorpusStats corpus, SearchPlan plan, ResultSink<SearchResult> sink) throws IOException {
        run(SearchMode.FUZZY, plan, sink);
    }

    @MemoryAware(operation = "search.vector", estimate = VECTOR_ESTIMATE)
    public void vector(SearchRequest req, CorpusStats corpus, SearchPlan plan, ResultSink<SearchResult> sink) throws IOException {
        run(SearchMode.VECTOR, plan, sink);
    }

    @MemoryAware(operation = "search.exact", estimate = EXACT_ESTIMATE)
    public void exact(SearchRequest req, CorpusStats corpus, SearchPlan plan, ResultSink<SearchResult> sink) throws IOException {
        run(SearchMode.EXACT, plan, sink);
    }

    @MemoryAware(operation = "search.hybrid", estimate = HYBRID_ESTIMATE)
    public void hybrid(SearchRequest req, CorpusStats corpus, SearchPlan plan, ResultSink<SearchResult> sink) throws IOException {
        run(SearchMode.HYBRID, plan, sink);
    }

    /**
     * Runs a batch in its guarded method; first looks up what the caches already hold for it, so
     * the estimate charges only the work left. A batch refused whole is served in chunks, each a
     * guarded call that writes its part of the answer ({@link ChunkedBatch}, {@link ChunkedBatchJson});
     * only when not one entry can be admitted is the refusal thrown (HTTP 429).
     */
    public void batch(BatchRequest req, BatchSink sink) throws IOException {
        engine.requireIndexFor(req.mode());
        try {
            batch(engine.plan(req), corpus(), sink::accept);
            return;
        } catch (MemoryGuardException refusedWhole) {
            if (req.size() == 1) {
                throw refusedWhole;
            }
        }
        ChunkedBatchJson answer = new ChunkedBatchJson(sink);
        ChunkedBatch.Calls calls = new ChunkedBatch.Calls(chunk -> batch(chunk, corpus(), answer::write),
                chunk -> batchWaiting(chunk, corpus(), answer::write));
        BatchOutcome outcome = ChunkedBatch.serveInHalves(req, engine::plan, calls, answer::notServed,
                BATCH_WAIT_ALLOWANCE, System::nanoTime);
        if (!answer.opened()) {
            throw outcome.notServed().get(0).rejection();
        }
        answer.finish(outcome);
    }

    @MemoryAware(operation = "search.batch", estimate = BATCH_ESTIMATE)
    public void batch(BatchPlan plan, CorpusStats corpus, ResultSink<List<SearchResult>> sink) throws IOException {
        sink.accept(engine.batch(plan));
    }

    /**
     * A chunk of one entry the guard refused at once, tried again: queued for memory (first come
     * first served) for at most {@value #BATCH_ENTRY_MAX_WAIT_MILLIS} ms.
     */
    @MemoryAware(operation = "search.batch", estimate = BATCH_ESTIMATE, onReject = OnReject.WAIT,
            maxWaitMillis = BATCH_ENTRY_MAX_WAIT_MILLIS)
    public void batchWaiting(BatchPlan plan, CorpusStats corpus, ResultSink<List<SearchResult>> sink) throws IOException {
        sink.accept(engine.batch(plan));
    }

    /** Streams every match as JSON lines; returns how many were written. */
    @MemoryAware(operation = "export", estimate = EXPORT_ESTIMATE)
    public long export(ExportRequest req, CorpusStats corpus, ExportSink sink) throws IOException {
        try (OutputStream out = new BufferedOutputStream(sink.open(), EXPORT_BUFFER_BYTES);
             JsonGenerator json = ResultJson.jsonLines(out)) {
            long count = engine.export(req, (id, word, score, text) -> {
                json.writeStartObject();
                json.writeStringField("id", id);
                json.writeStringField("word", word);
                json.writeNumberField("score", score);
                json.writeStringField("text", text);
                json.writeEndObject();
            });
            if (count > 0) {
                json.writeRaw('\n');
            }
            return count;
        }
    }

    private void run(SearchMode expected, SearchPlan plan, ResultSink<SearchResult> sink) throws IOException {
        if (plan.request().mode() != expected) {
            throw new IllegalArgumentException("request mode " + plan.request().mode() + " sent to the " + expected + " method");
        }
        sink.accept(engine.search(plan));
    }
}
