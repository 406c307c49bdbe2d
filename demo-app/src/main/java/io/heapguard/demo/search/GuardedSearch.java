package io.heapguard.demo.search;

import com.fasterxml.jackson.core.JsonGenerator;
import io.heapguard.MemoryAware;
import io.heapguard.demo.index.CorpusStats;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The service's memory-hungry entry points, each {@link MemoryAware}: with the heapguard agent,
 * every call is sized by its estimate and admitted or rejected before it runs.
 *
 * <p>Each method does the whole request, search and delivery: the sink serialises the result and
 * writes it to the client inside the call, so the reservation covers the time the memory is really
 * held, a slow client included.
 *
 * <p>The estimates model what each call allocates (see docs/demo-estimates.md for the measured
 * ratios): a per-call base (query parsing, stored-fields decompression buffers, JSON buffers), the
 * ranking queue Lucene preallocates for {@code offset + k} entries (capped at the index size), and
 * per returned hit its stored text several times over (decoded string, JSON bytes, buffer growth).
 * The parameter {@code corpus} tells the expressions how large a hit's text is.
 */
public final class GuardedSearch {

    /** Bytes per slot of Lucene's ranking queue: a ScoreDoc (24) plus its array reference and TopDocs copy. */
    static final String QUEUE_SLOT = "48";
    /** Per returned hit: stored text decoded, serialised to JSON and copied while the buffer grows. */
    static final String HIT_BYTES = "(corpus.avgHitBytes * 10 + 1KB)";

    static final String KEYWORD_ESTIMATE = "256KB + min(req.offset + req.k, corpus.docs) * " + QUEUE_SLOT
            + " + min(req.k, corpus.docs) * " + HIT_BYTES;
    /** Each term is rewritten to up to 50 expansions per field, after Levenshtein automata are built. */
    static final String FUZZY_ESTIMATE = "512KB + len(req.query) * (req.maxEdits + 1) * 16KB"
            + " + min(req.offset + req.k, corpus.docs) * " + QUEUE_SLOT + " + min(req.k, corpus.docs) * " + HIT_BYTES;
    /** Query embedding, then HNSW search whose candidate queues and results grow with offset + k. */
    static final String VECTOR_ESTIMATE = "512KB + min(req.offset + req.k, corpus.docs) * 160"
            + " + min(req.k, corpus.docs) * " + HIT_BYTES;
    /** Query embedding, then every vector scored into a preallocated queue of offset + k. */
    static final String EXACT_ESTIMATE = "512KB + min(req.offset + req.k, corpus.docs) * " + QUEUE_SLOT
            + " + min(req.k, corpus.docs) * " + HIT_BYTES;
    /** Both legs at depth max(offset + k, 50), plus the fusion map. */
    static final String HYBRID_ESTIMATE = "768KB + min(req.offset + req.k, corpus.docs) * 320"
            + " + min(req.k, corpus.docs) * " + HIT_BYTES;
    /** Each search of the batch runs in turn; all pages are held until the response is written. */
    static final String BATCH_ESTIMATE = "64KB + len(req.queries ?: req.vectors) * (256KB + min(req.k, corpus.docs) * (160 + "
            + HIT_BYTES + "))";
    /** Output buffer, JSON generator buffer, and one document at a time (decoded, in JSON). */
    static final String EXPORT_ESTIMATE = "256KB + corpus.maxHitBytes * 8";
    /** Export output buffer, in bytes: large enough for few syscalls, small enough to hold per request. */
    static final int EXPORT_BUFFER_BYTES = 64 * 1024;

    private final SearchEngine engine;

    public GuardedSearch(SearchEngine engine) {
        this.engine = engine;
    }

    public SearchEngine engine() {
        return engine;
    }

    public CorpusStats corpus() {
        return engine.index().stats();
    }

    /** Runs a search in the guarded method of its mode and hands the result to the sink. */
    public void search(SearchRequest req, ResultSink<SearchResult> sink) throws IOException {
        CorpusStats corpus = corpus();
        switch (req.mode()) {
            case KEYWORD -> keyword(req, corpus, sink);
            case FUZZY -> fuzzy(req, corpus, sink);
            case VECTOR -> vector(req, corpus, sink);
            case EXACT -> exact(req, corpus, sink);
            case HYBRID -> hybrid(req, corpus, sink);
        }
    }

    @MemoryAware(operation = "search.keyword", estimate = KEYWORD_ESTIMATE)
    public void keyword(SearchRequest req, CorpusStats corpus, ResultSink<SearchResult> sink) throws IOException {
        run(SearchMode.KEYWORD, req, sink);
    }

    @MemoryAware(operation = "search.fuzzy", estimate = FUZZY_ESTIMATE)
    public void fuzzy(SearchRequest req, CorpusStats corpus, ResultSink<SearchResult> sink) throws IOException {
        run(SearchMode.FUZZY, req, sink);
    }

    @MemoryAware(operation = "search.vector", estimate = VECTOR_ESTIMATE)
    public void vector(SearchRequest req, CorpusStats corpus, ResultSink<SearchResult> sink) throws IOException {
        run(SearchMode.VECTOR, req, sink);
    }

    @MemoryAware(operation = "search.exact", estimate = EXACT_ESTIMATE)
    public void exact(SearchRequest req, CorpusStats corpus, ResultSink<SearchResult> sink) throws IOException {
        run(SearchMode.EXACT, req, sink);
    }

    @MemoryAware(operation = "search.hybrid", estimate = HYBRID_ESTIMATE)
    public void hybrid(SearchRequest req, CorpusStats corpus, ResultSink<SearchResult> sink) throws IOException {
        run(SearchMode.HYBRID, req, sink);
    }

    @MemoryAware(operation = "search.batch", estimate = BATCH_ESTIMATE)
    public void batch(BatchRequest req, CorpusStats corpus, ResultSink<List<SearchResult>> sink) throws IOException {
        sink.accept(engine.batch(req));
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

    private void run(SearchMode expected, SearchRequest req, ResultSink<SearchResult> sink) throws IOException {
        if (req.mode() != expected) {
            throw new IllegalArgumentException("request mode " + req.mode() + " sent to the " + expected + " method");
        }
        sink.accept(engine.search(req));
    }
}
