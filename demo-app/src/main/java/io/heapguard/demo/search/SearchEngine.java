package io.heapguard.demo.search;

import io.heapguard.demo.embed.QueryEmbeddingCache;
import io.heapguard.demo.embed.SentenceEmbedder;
import io.heapguard.demo.index.CorpusStats;
import io.heapguard.demo.index.IndexFields;
import io.heapguard.demo.index.LiveIndex;
import io.heapguard.demo.index.SearchIndex;
import io.heapguard.demo.index.VectorReadiness;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.HitQueue;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Lucene work behind every search mode, unguarded: {@link GuardedSearch} wraps it with
 * admission control. Thread-safe; runs on the caller's thread.
 */
public final class SearchEngine {

    /** Word matches count double: a hit on the headword beats one in the gloss. */
    private static final float WORD_BOOST = 2f;
    /** The usual reciprocal rank fusion constant (Cormack et al.): damps the top ranks' weight. */
    private static final int RRF_RANK_CONSTANT = 60;
    /** Hybrid fuses at least this many candidates from each leg, even for a small page. */
    private static final int HYBRID_MIN_DEPTH_HITS = 50;
    /** Count every match exactly (the corpora are small enough). */
    private static final int TOTAL_HITS_THRESHOLD = Integer.MAX_VALUE;

    private final LiveIndex live;
    private final SentenceEmbedder embedder;
    private final QueryEmbeddingCache embeddingCache;
    private final ResultCache resultCache;
    private final Analyzer analyzer = IndexFields.analyzer();

    /** An engine over an index that is complete from the start. */
    public SearchEngine(SearchIndex index, SentenceEmbedder embedder, QueryEmbeddingCache embeddingCache,
                        ResultCache resultCache) {
        this(LiveIndex.complete(index), embedder, embeddingCache, resultCache);
    }

    /**
     * An engine over the index served now: every search takes a lease on the index it starts with
     * and uses only that one, so a switch to the complete index never mixes two indexes' doc ids.
     */
    public SearchEngine(LiveIndex live, SentenceEmbedder embedder, QueryEmbeddingCache embeddingCache,
                        ResultCache resultCache) {
        this.live = live;
        this.embedder = embedder;
        this.embeddingCache = embeddingCache;
        this.resultCache = resultCache;
    }

    /** The shape of the index served now (estimates read it). */
    public CorpusStats stats() {
        return live.stats();
    }

    public VectorReadiness readiness() {
        return live.readiness();
    }

    /**
     * Refuses a search of {@code mode} before anything is planned or charged when it needs the
     * vectors and they are not served yet (HTTP 503 with the build's progress).
     */
    public void requireIndexFor(SearchMode mode) {
        VectorReadiness readiness = live.readiness();
        if (mode.usesVectors() && !readiness.vectorsReady()) {
            throw new VectorsNotReadyException(mode, readiness);
        }
    }

    /** What the caches hold for a single search, looked up (and pinned) before its guarded call. */
    public SearchPlan plan(SearchRequest request) {
        return new SearchPlan(request, resultCache, embeddingCache);
    }

    /** Runs a planned search from what its plan pinned: the cached page, or the search with a cached embedding. */
    public SearchResult search(SearchPlan plan) throws IOException {
        long start = System.nanoTime();
        if (plan.cachedPage() != null) {
            return plan.cachedPage().withTookMs(elapsedMillis(start));
        }
        try (LiveIndex.Lease lease = live.acquire()) {
            return searchAndCache(lease.index(), plan.request(), plan.knownVector(), start);
        }
    }

    /** Runs a search in its mode; small pages come from (and go to) the result cache. */
    public SearchResult search(SearchRequest request) throws IOException {
        long start = System.nanoTime();
        SearchResult cached = ResultCache.cacheable(request) ? resultCache.get(ResultCache.key(request)) : null;
        if (cached != null) {
            return cached.withTookMs(elapsedMillis(start));
        }
        try (LiveIndex.Lease lease = live.acquire()) {
            return searchAndCache(lease.index(), request, null, start);
        }
    }

    /**
     * What the caches already hold for a batch, looked up (and pinned) before the guarded call, so
     * its estimate charges only the work left; embeds and searches nothing.
     */
    public BatchPlan plan(BatchRequest request) {
        return new BatchPlan(request, resultCache, embeddingCache);
    }

    /**
     * A batch: each entry searched in turn, on this thread. Entries run from what the plan pinned:
     * its cached pages and embeddings are used even if the caches were emptied since.
     */
    public List<SearchResult> batch(BatchPlan plan) throws IOException {
        try (LiveIndex.Lease lease = live.acquire()) {
            return batch(lease.index(), plan);
        }
    }

    private List<SearchResult> batch(SearchIndex index, BatchPlan plan) throws IOException {
        BatchRequest request = plan.request();
        List<SearchResult> results = new ArrayList<>(request.size());
        for (int i = 0; i < request.size(); i++) {
            long start = System.nanoTime();
            SearchResult cached = plan.cachedPage(i);
            if (cached != null) {
                results.add(cached.withTookMs(elapsedMillis(start)));
            } else if (request.vectors() != null) {
                requireVectors(index, request.mode());
                float[] vector = plan.knownVector(i);
                TopDocs top = request.mode() == SearchMode.EXACT
                        ? exactTop(index, vector, request.k()) : vectorTop(index, vector, request.k());
                results.add(page(index, request.entry(i), top).withTookMs(elapsedMillis(start)));
            } else {
                results.add(searchAndCache(index, request.entry(i), plan.knownVector(i), start));
            }
        }
        return results;
    }

    /** Visits every document matching a keyword query, in index order; returns how many. */
    public long export(ExportRequest request, ExportVisitor visitor) throws IOException {
        ExportCollector collector = new ExportCollector(visitor);
        try (LiveIndex.Lease lease = live.acquire()) {
            lease.index().searcher().search(keywordQuery(request.query()), collector);
        }
        return collector.count;
    }

    /** Receives each exported document. */
    @FunctionalInterface
    public interface ExportVisitor {
        void visit(String id, String word, float score, String text) throws IOException;
    }

    /**
     * Searches without asking the result cache, then caches a small page.
     *
     * @param knownEmbedding the query's embedding when the caller already has it, else null
     */
    private SearchResult searchAndCache(SearchIndex index, SearchRequest request, float[] knownEmbedding,
                                        long startNanos) throws IOException {
        requireVectors(index, request.mode());
        SearchResult result = switch (request.mode()) {
            case KEYWORD -> page(index, request, searchTop(index, keywordQuery(request.query()), request.window()));
            case FUZZY -> page(index, request, searchTop(index, fuzzyQuery(request.query(), request.maxEdits()),
                    request.window()));
            case VECTOR -> page(index, request, vectorTop(index, embedding(request.query(), knownEmbedding),
                    request.window()));
            case EXACT -> page(index, request, exactTop(index, embedding(request.query(), knownEmbedding),
                    request.window()));
            case HYBRID -> page(index, request, hybridTop(index, request.query(),
                    embedding(request.query(), knownEmbedding), request.window()));
        };
        result = result.withTookMs(elapsedMillis(startNanos));
        if (ResultCache.cacheable(request)) {
            resultCache.put(ResultCache.key(request), result);
        }
        return result;
    }

    /** The pinned index must hold vectors for a vector mode: a search that passed {@link #requireIndexFor} always does. */
    private void requireVectors(SearchIndex index, SearchMode mode) {
        if (mode.usesVectors() && !index.hasVectors()) {
            throw new VectorsNotReadyException(mode, live.readiness());
        }
    }

    private float[] embedding(String text, float[] known) {
        return known != null ? known : embeddingCache.get(text, embedder::embed);
    }

    private Query keywordQuery(String text) {
        MultiFieldQueryParser parser = new MultiFieldQueryParser(
                new String[] {IndexFields.WORD, IndexFields.TEXT}, analyzer,
                Map.of(IndexFields.WORD, WORD_BOOST, IndexFields.TEXT, 1f));
        try {
            return parser.parse(text);
        } catch (ParseException e) {
            throw new BadRequestException("q", "cannot parse query: " + firstLine(e.getMessage()));
        } catch (IndexSearcher.TooManyClauses e) {
            throw new BadRequestException("q", "query expands to more than "
                    + IndexSearcher.getMaxClauseCount() + " clauses");
        } catch (RuntimeException e) {
            // e.g. an invalid or too complex /regular expression/: still the query's fault
            throw new BadRequestException("q", "cannot build query: " + firstLine(e.getMessage()));
        }
    }

    private Query fuzzyQuery(String text, int maxEdits) {
        List<String> terms = SearchRequest.fuzzyTerms(text);
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        int count = 0;
        for (String term : terms) {
            if (term.isEmpty()) {
                continue;
            }
            if (term.length() > RequestLimits.MAX_FUZZY_TERM_CHARS) {
                throw new BadRequestException("q", "fuzzy term of " + term.length() + " chars; at most "
                        + RequestLimits.MAX_FUZZY_TERM_CHARS + " allowed");
            }
            if (++count > RequestLimits.MAX_FUZZY_TERMS) {
                throw new BadRequestException("q", "fuzzy queries take at most " + RequestLimits.MAX_FUZZY_TERMS
                        + " terms");
            }
            builder.add(new BoostQuery(fuzzyTerm(IndexFields.WORD, term, maxEdits), WORD_BOOST), BooleanClause.Occur.SHOULD);
            builder.add(fuzzyTerm(IndexFields.TEXT, term, maxEdits), BooleanClause.Occur.SHOULD);
        }
        if (count == 0) {
            throw new BadRequestException("q", "q has no letters or digits to match");
        }
        return builder.build();
    }

    private static FuzzyQuery fuzzyTerm(String field, String term, int maxEdits) {
        return new FuzzyQuery(new Term(field, term), maxEdits, 0, RequestLimits.FUZZY_MAX_EXPANSIONS, true);
    }

    /** Top {@code window} hits; Lucene preallocates a queue of that size, capped at the index size. */
    private static TopDocs searchTop(SearchIndex index, Query query, int window) throws IOException {
        int cappedWindow = cap(index, window);
        try {
            return index.searcher().search(query,
                    new TopScoreDocCollectorManager(cappedWindow, null, TOTAL_HITS_THRESHOLD));
        } catch (IndexSearcher.TooManyClauses e) {
            throw new BadRequestException("q", "query expands to more than "
                    + IndexSearcher.getMaxClauseCount() + " clauses");
        }
    }

    private static TopDocs vectorTop(SearchIndex index, float[] vector, int window) throws IOException {
        int cappedWindow = cap(index, window);
        return index.searcher().search(new KnnFloatVectorQuery(IndexFields.VECTOR, vector, cappedWindow), cappedWindow);
    }

    /** Brute force: every stored vector scored; a prefilled queue of {@code window} entries keeps the best. */
    private static TopDocs exactTop(SearchIndex index, float[] vector, int window) throws IOException {
        int cappedWindow = cap(index, window);
        HitQueue queue = new HitQueue(cappedWindow, true);
        ScoreDoc weakest = queue.top();
        long scored = 0;
        for (LeafReaderContext leaf : index.reader().leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexFields.VECTOR);
            if (values == null) {
                continue;
            }
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                float score = IndexFields.SIMILARITY.compare(vector, values.vectorValue());
                scored++;
                if (score > weakest.score) {
                    weakest.score = score;
                    weakest.doc = leaf.docBase + doc;
                    weakest = queue.updateTop();
                }
            }
        }
        int found = (int) Math.min(scored, cappedWindow);
        for (int sentinels = queue.size() - found; sentinels > 0; sentinels--) {
            queue.pop();
        }
        ScoreDoc[] best = new ScoreDoc[found];
        for (int i = found - 1; i >= 0; i--) {
            best[i] = queue.pop();
        }
        return new TopDocs(new TotalHits(scored,
                TotalHits.Relation.EQUAL_TO), best);
    }

    /** Reciprocal rank fusion of a keyword leg and a vector leg, each at least {@code window} deep. */
    private TopDocs hybridTop(SearchIndex index, String text, float[] embedding, int window) throws IOException {
        int depth = cap(index, Math.max(window, HYBRID_MIN_DEPTH_HITS));
        Query keyword;
        try {
            keyword = keywordQuery(QueryParser.escape(text));
        } catch (BadRequestException e) {
            keyword = new MatchNoDocsQuery();
        }
        TopDocs keywordTop = searchTop(index, keyword, depth);
        TopDocs vectorTop = vectorTop(index, embedding, depth);
        Map<Integer, Float> fused = new HashMap<>();
        for (TopDocs leg : List.of(keywordTop, vectorTop)) {
            ScoreDoc[] hits = leg.scoreDocs;
            for (int rank = 0; rank < hits.length; rank++) {
                fused.merge(hits[rank].doc, 1f / (RRF_RANK_CONSTANT + rank + 1), Float::sum);
            }
        }
        ScoreDoc[] merged = new ScoreDoc[fused.size()];
        int i = 0;
        for (Map.Entry<Integer, Float> entry : fused.entrySet()) {
            merged[i++] = new ScoreDoc(entry.getKey(), entry.getValue());
        }
        Arrays.sort(merged, (a, b) -> a.score != b.score ? Float.compare(b.score, a.score)
                : Integer.compare(a.doc, b.doc));
        ScoreDoc[] top = merged.length <= window ? merged : Arrays.copyOf(merged, window);
        return new TopDocs(new TotalHits(merged.length,
                TotalHits.Relation.EQUAL_TO), top);
    }

    /** The requested page of {@code top}, with stored fields loaded only for the page. */
    private static SearchResult page(SearchIndex index, SearchRequest request, TopDocs top) throws IOException {
        ScoreDoc[] ranked = top.scoreDocs;
        int from = Math.min(request.offset(), ranked.length);
        int to = Math.min(request.window(), ranked.length);
        StoredFields stored = index.searcher().storedFields();
        List<SearchHit> hits = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            Document doc = stored.document(ranked[i].doc);
            hits.add(new SearchHit(i + 1, doc.get(IndexFields.ID), doc.get(IndexFields.WORD), ranked[i].score,
                    doc.get(IndexFields.TEXT)));
        }
        return new SearchResult(request.mode().cliName(), request.query(), top.totalHits.value, 0, hits);
    }

    private static int cap(SearchIndex index, int window) {
        return Math.max(1, Math.min(window, index.reader().maxDoc()));
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    /** Streams each match to the visitor as it is found; never holds more than one document. */
    private static final class ExportCollector extends SimpleCollector {
        private final ExportVisitor visitor;
        private StoredFields stored;
        private Scorable scorer;
        private long count;

        ExportCollector(ExportVisitor visitor) {
            this.visitor = visitor;
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            stored = context.reader().storedFields();
        }

        @Override
        public void setScorer(Scorable scorer) {
            this.scorer = scorer;
        }

        @Override
        public void collect(int doc) throws IOException {
            Document document = stored.document(doc);
            visitor.visit(document.get(IndexFields.ID), document.get(IndexFields.WORD), scorer.score(),
                    document.get(IndexFields.TEXT));
            count++;
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE;
        }
    }
}
