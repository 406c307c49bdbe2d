package io.heapguard.demo.search;

import io.heapguard.MemoryAware;
import io.heapguard.demo.DemoServices;
import io.heapguard.demo.TestServices;
import io.heapguard.demo.corpus.Corpus;
import io.heapguard.demo.corpus.CorpusSlice;
import io.heapguard.demo.embed.QueryEmbeddingCache;
import io.heapguard.demo.embed.SentenceEmbedder;
import io.heapguard.demo.index.CorpusStats;
import io.heapguard.demo.index.IndexStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Keeps the {@code @MemoryAware} estimates honest: each guarded method is called over a range of
 * request sizes, the bytes the calling thread allocated are measured
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}), and the method's real
 * annotation string, evaluated by {@link EstimateOracle}, must stay within a band of that.
 *
 * <p>Caches are off, so every call does its real work; single searches and batches are also
 * measured with the service's caches, cold (new texts), warm (repeated texts) and, for batches,
 * half warm, since their estimates charge only what the caches do not hold ({@link SearchPlan},
 * {@link BatchPlan}). Every request kind is covered: each mode single and batched, deep pages,
 * 1,000-char query texts, fuzzy over short terms at 2 edits, and export. The table goes to
 * target/estimate-ratios.md. {@code -Dheapguard.demo.estimateCorpus=full} measures on the full
 * WordNet index (~/.heapguard-demo/wordnet-all, built if missing) instead of the test slice.
 */
@ExtendWith(SoftAssertionsExtension.class)
class EstimateAccuracyTest {

    /** An estimate may be at most this many times the measured allocation (too cautious rejects needlessly)... */
    static final double MAX_ESTIMATE_TO_ALLOCATED = 3.0;
    /** ...and at least this fraction of it (too low admits what cannot fit). */
    static final double MIN_ESTIMATE_TO_ALLOCATED = 0.8;
    private static final int WARMUP_CALLS = 3;
    private static final int MEASURED_CALLS = 3;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Every request size is measured and reported before a test fails. */
    @InjectSoftAssertions
    private SoftAssertions softly;

    private static DemoServices services;
    private static GuardedSearch search;
    /** The same index with the service's default caches (and its own embedder), for warm and cold batches. */
    private static SentenceEmbedder cachingEmbedder;
    private static GuardedSearch cachingSearch;
    private static CorpusStats corpus;
    private static final List<String> REPORT = new ArrayList<>();
    /** Numbers texts never seen before, so a cold batch misses both caches. */
    private static int freshTexts;

    @BeforeAll
    static void openWithoutCaches() throws IOException {
        boolean full = "full".equals(System.getProperty("heapguard.demo.estimateCorpus"));
        CorpusSlice slice = full ? CorpusSlice.all() : TestServices.SLICE;
        Path dir = full ? IndexStore.defaultDir(Corpus.WORDNET, slice) : TestServices.DIR;
        services = DemoServices.open(dir, Corpus.WORDNET, slice, System.err, 0, 0);
        search = services.search();
        corpus = search.corpus();
        cachingEmbedder = new SentenceEmbedder();
        cachingSearch = new GuardedSearch(new SearchEngine(services.index(), cachingEmbedder,
                new QueryEmbeddingCache(QueryEmbeddingCache.DEFAULT_MAX_ENTRIES), new ResultCache(ResultCache.DEFAULT_MAX_BYTES)));
        REPORT.add("corpus: " + (full ? "wordnet (all)" : "wordnet test slice") + ", " + corpus);
        REPORT.add("| operation | request | estimate (KiB) | allocated (KiB) | allocated / estimate |");
        REPORT.add("|---|---|---:|---:|---:|");
    }

    @AfterAll
    static void writeReport() throws IOException {
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "estimate-ratios.md"), REPORT);
        cachingEmbedder.close();
        services.close();
    }

    @Test
    void keyword_estimateTracksAllocation() throws Exception {
        for (int[] kAndOffset : new int[][] {{10, 0}, {100, 0}, {1_000, 0}, {10, 2_000}, {3_000, 0}, {1_000, 999_000}}) {
            SearchRequest req = new SearchRequest(SearchMode.KEYWORD, "*:*", kAndOffset[0], kAndOffset[1], 2);
            checkSearch("keyword", search, req);
        }
    }

    @Test
    void fuzzy_estimateTracksAllocation() throws Exception {
        for (String query : new String[] {"tigr", "larg stripd felin", "larg stripd felin cat wth tawnu coat"}) {
            for (int edits = 1; edits <= 2; edits++) {
                SearchRequest req = new SearchRequest(SearchMode.FUZZY, query, 10, 0, edits);
                checkSearch("fuzzy", search, req);
            }
        }
        // a page that fills: the broad query matches hundreds of glosses
        SearchRequest wide = new SearchRequest(SearchMode.FUZZY, "larg stripd felin cat wth tawnu coat", 300, 0, 2);
        checkSearch("fuzzy", search, wide);
    }

    @Test
    void vector_estimateTracksAllocation() throws Exception {
        for (int[] kAndOffset : new int[][] {{10, 0}, {100, 0}, {1_000, 0}, {10, 1_000}, {3_000, 0}}) {
            SearchRequest req = new SearchRequest(SearchMode.VECTOR, "large striped feline", kAndOffset[0], kAndOffset[1], 2);
            checkSearch("vector", search, req);
        }
    }

    @Test
    void exact_estimateTracksAllocation() throws Exception {
        for (int[] kAndOffset : new int[][] {{10, 0}, {100, 0}, {1_000, 0}, {10, 1_000}, {3_000, 0}}) {
            SearchRequest req = new SearchRequest(SearchMode.EXACT, "large striped feline", kAndOffset[0], kAndOffset[1], 2);
            checkSearch("exact", search, req);
        }
    }

    @Test
    void hybrid_estimateTracksAllocation() throws Exception {
        for (int[] kAndOffset : new int[][] {{10, 0}, {100, 0}, {1_000, 0}, {10, 1_000}, {3_000, 0}}) {
            SearchRequest req = new SearchRequest(SearchMode.HYBRID, "large striped feline", kAndOffset[0], kAndOffset[1], 2);
            checkSearch("hybrid", search, req);
        }
    }

    @Test
    void batch_cachesOff_estimateTracksAllocation() throws Exception {
        for (int size : new int[] {1, 10, 40}) {
            for (int k : new int[] {10, 100, 1_000}) {
                List<String> queries = texts("large striped feline ", 0, size);
                checkBatch("batch", search, () -> new BatchRequest(SearchMode.VECTOR, k, queries, null));
            }
        }
    }

    @Test
    void batch_coldCaches_estimateTracksAllocation() throws Exception {
        for (int size : new int[] {1, 10, 50}) {
            for (int k : new int[] {10, 100, 1_000}) {
                // every call sends texts never seen: each misses both caches, and pays for filling them
                BatchPlan cold = checkBatch("batch cold", cachingSearch, () -> new BatchRequest(SearchMode.VECTOR, k,
                        texts("cold striped feline ", nextFreshTexts(size), size), null));
                softly.assertThat(cold.embeddings()).as("a cold batch embeds every text").isEqualTo(size);
            }
        }
    }

    @Test
    void batch_coldLongTexts_estimateGrowsWithTheTextsEmbedded() throws Exception {
        // the model's work grows with the text: a long query costs several short ones
        for (int chars : new int[] {100, 300, 1_000}) {
            String prefix = "a large wild cat with a striped coat that hunts at night ".repeat(chars / 58 + 1)
                    .substring(0, chars - 6);
            checkBatch("batch cold, " + chars + "-char texts", cachingSearch, () -> new BatchRequest(SearchMode.VECTOR, 10,
                    texts(prefix, nextFreshTexts(10), 10), null));
        }
    }

    @Test
    void batch_warmCaches_estimateTracksAllocation() throws Exception {
        for (int size : new int[] {1, 10, 50}) {
            for (int k : new int[] {10, 100, 1_000}) {
                // the same texts every call: the warm-up calls fill the caches
                List<String> queries = texts("warm striped feline k" + k + " ", 0, size);
                BatchPlan warm = checkBatch("batch warm", cachingSearch, () -> new BatchRequest(SearchMode.VECTOR, k, queries, null));
                softly.assertThat(warm.embeddings()).as("a warm batch embeds nothing").isZero();
                // pages of more than ResultCache.MAX_CACHED_WINDOW hits are searched again, from cached embeddings
                softly.assertThat(warm.searches()).as("warm batch searches, k=%d", k)
                        .isEqualTo(k <= ResultCache.MAX_CACHED_WINDOW ? 0 : size);
            }
        }
    }

    @Test
    void batch_halfWarmCaches_estimateTracksAllocation() throws Exception {
        for (int size : new int[] {10, 50}) {
            for (int k : new int[] {10, 100}) {
                // as under load: some texts were asked before, some are new
                List<String> repeated = texts("half striped feline k" + k + " ", 0, size / 2);
                BatchPlan half = checkBatch("batch half-warm", cachingSearch, () -> {
                    List<String> queries = new ArrayList<>(repeated);
                    queries.addAll(texts("cold striped feline ", nextFreshTexts(size - repeated.size()), size - repeated.size()));
                    return new BatchRequest(SearchMode.VECTOR, k, queries, null);
                });
                softly.assertThat(half.searches()).as("half-warm batch searches").isEqualTo(size - repeated.size());
            }
        }
    }

    @Test
    void fuzzy_shortTermsAtTwoEdits_worstCase_estimateTracksAllocation() throws Exception {
        // a short term at 2 edits is accepted by a large share of the dictionary's automaton
        for (String query : new String[] {"ab", "ab cd ef gh", "ab cd ef gh ij kl mn op", "ca do", "x y z"}) {
            checkSearch("fuzzy short terms", search, new SearchRequest(SearchMode.FUZZY, query, 10, 0, 2));
        }
    }

    @Test
    void vectorModes_longQueryTexts_estimateGrowsWithTheTextEmbedded() throws Exception {
        for (SearchMode mode : new SearchMode[] {SearchMode.KEYWORD, SearchMode.VECTOR, SearchMode.EXACT, SearchMode.HYBRID}) {
            for (int chars : new int[] {100, 300, 1_000}) {
                String query = "a large wild cat with a striped coat that hunts at night ".repeat(chars / 58 + 1)
                        .substring(0, chars);
                checkSearch(mode.cliName() + ", " + chars + "-char query", search, new SearchRequest(mode, query, 10, 0, 2));
            }
        }
    }

    @Test
    void singleSearches_warmCaches_estimateTracksAllocation() throws Exception {
        // the warm-up calls fill the caches: a small page comes from the result cache; a page too
        // large to cache is searched again, its embedding from the embedding cache
        // queries that fill their pages: estimates assume full pages (docs/demo-estimates.md)
        for (SearchMode mode : SearchMode.values()) {
            for (int k : mode == SearchMode.FUZZY ? new int[] {10, 100, 300} : new int[] {10, 100, 1_000}) {
                String query = switch (mode) {
                    case FUZZY -> "larg stripd felin cat wth tawnu coat";
                    case KEYWORD -> "*:* warm large striped feline";
                    default -> "warm large striped feline";
                };
                SearchPlan warm = checkSearch(mode.cliName() + " warm", cachingSearch, new SearchRequest(mode, query, k, 0, 2));
                softly.assertThat(warm.searches()).as("%s warm, k=%d, searches", mode, k)
                        .isEqualTo(k <= ResultCache.MAX_CACHED_WINDOW ? 0 : 1);
                softly.assertThat(warm.embeddings()).as("%s warm, k=%d, embeddings", mode, k).isZero();
            }
        }
    }

    @Test
    void vectorModes_coldCaches_longQuery_estimateTracksAllocation() throws Exception {
        for (SearchMode mode : new SearchMode[] {SearchMode.VECTOR, SearchMode.HYBRID}) {
            String prefix = "a large wild cat with a striped coat that hunts at night ".repeat(18).substring(0, 994);
            SearchPlan cold = checkSearch(mode.cliName() + " cold, 1000-char query", cachingSearch,
                    () -> new SearchRequest(mode, prefix + String.format(Locale.ROOT, "%06d", nextFreshTexts(1)), 10, 0, 2));
            softly.assertThat(cold.embeddings()).as("a cold %s search embeds its query", mode).isEqualTo(1);
        }
    }

    @Test
    void batch_everyMode_cachesOff_estimateTracksAllocation() throws Exception {
        // sizes 1 and 10 only: the cost is per entry (the vector batch above shows 40 scales alike),
        // and a 40-entry fuzzy batch allocates ~300 MB a call, a minute of the build for nothing new
        for (SearchMode mode : new SearchMode[] {SearchMode.KEYWORD, SearchMode.FUZZY, SearchMode.EXACT, SearchMode.HYBRID}) {
            for (int size : new int[] {1, 10}) {
                for (int k : new int[] {10, 1_000}) {
                    // keyword: a text that fills its pages (*:* OR its terms), as estimates assume full pages
                    List<String> queries = switch (mode) {
                        case FUZZY -> texts("larg stripd felin ", 0, size);
                        case KEYWORD -> texts("*:* large striped feline ", 0, size);
                        default -> texts("large striped feline ", 0, size);
                    };
                    checkBatch("batch " + mode.cliName(), search, () -> new BatchRequest(mode, k, queries, null));
                }
            }
        }
        // the fuzzy worst case in a batch: short terms at the batch's 2 edits
        checkBatch("batch fuzzy short terms", search, () -> new BatchRequest(SearchMode.FUZZY, 10, texts("ab cd ", 0, 10), null));
    }

    @Test
    void export_estimateCoversBuffers_andChurnPerMatchStaysFlat() throws Exception {
        ExportRequest narrow = new ExportRequest("tiger");
        check("export", narrow, () -> search.export(narrow, corpus, OutputStream::nullOutputStream));
        // streaming: what a big export allocates is per-match garbage, each match no dearer than a search hit
        ExportRequest everything = new ExportRequest("*:*");
        long matches = search.export(everything, corpus, OutputStream::nullOutputStream);
        long allocated = measure(() -> search.export(everything, corpus, OutputStream::nullOutputStream));
        long perMatch = allocated / matches;
        REPORT.add(String.format(Locale.ROOT, "| export | q=\"*:*\" (%d matches) | churn per match | %.1f | - |",
                matches, perMatch / 1024.0));
        softly.assertThat(perMatch).as("export churn per match").isLessThanOrEqualTo(corpus.avgHitBytes() * 10 + 5 * 1024);
    }

    private interface Call {
        void run() throws IOException;
    }

    private static void serialize(SearchResult result) throws IOException {
        ResultJson.serialize(result);
    }

    private SearchPlan checkSearch(String label, GuardedSearch guarded, SearchRequest req) throws Exception {
        return checkSearch(label, guarded, () -> req);
    }

    /**
     * Like {@link #checkBatch} for single searches, whose estimate depends on the caches at call
     * time: each call is planned first, as in the service, and its estimate held against its
     * allocation; the median call is reported. Returns its plan.
     */
    private SearchPlan checkSearch(String label, GuardedSearch guarded, Supplier<SearchRequest> requests) throws Exception {
        SearchRequest first = requests.get();
        Method method = guardedMethod(first.mode().cliName());
        String expression = method.getAnnotation(MemoryAware.class).estimate();
        for (int i = 0; i < WARMUP_CALLS; i++) {
            SearchRequest req = requests.get();
            invoke(method, guarded, req, guarded.engine().plan(req));
        }
        SearchPlan[] plans = new SearchPlan[MEASURED_CALLS];
        long[][] estimateAndAllocated = new long[MEASURED_CALLS][];
        for (int i = 0; i < MEASURED_CALLS; i++) {
            SearchRequest req = requests.get();
            SearchPlan plan = guarded.engine().plan(req);
            long estimate = EstimateOracle.evaluate(method, expression, req, corpus, plan, null);
            long before = THREADS.getCurrentThreadAllocatedBytes();
            invoke(method, guarded, req, plan);
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            plans[i] = plan;
            estimateAndAllocated[i] = new long[] {estimate, allocated, i};
        }
        Arrays.sort(estimateAndAllocated, Comparator.comparingLong(pair -> pair[1]));
        long[] median = estimateAndAllocated[MEASURED_CALLS / 2];
        SearchPlan plan = plans[(int) median[2]];
        report(label, describe(plan.request()) + String.format(Locale.ROOT, " (%d searched, %d embedded, %d cached hits)",
                plan.searches(), plan.embeddings(), plan.cachedHits()), median[0], median[1]);
        return plan;
    }

    private static void invoke(Method method, GuardedSearch guarded, SearchRequest req, SearchPlan plan) throws Exception {
        ResultSink<SearchResult> sink = EstimateAccuracyTest::serialize;
        try {
            method.invoke(guarded, req, corpus, plan, sink);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private void check(String operation, Object req, Call call) throws Exception {
        Method method = guardedMethod(operation);
        long estimate = EstimateOracle.evaluate(method, method.getAnnotation(MemoryAware.class).estimate(),
                req, corpus, null);
        report(operation, describe(req), estimate, measure(call));
    }

    /** Adds a row to the table, and fails (softly) when the estimate leaves the band around the allocation. */
    private void report(String label, String description, long estimate, long allocated) {
        REPORT.add(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.2f |", label, description,
                estimate / 1024, allocated / 1024, (double) allocated / estimate));
        System.out.println(REPORT.get(REPORT.size() - 1));
        softly.assertThat((double) estimate / allocated)
                .as("%s %s: estimate %d bytes vs allocated %d bytes", label, description, estimate, allocated)
                .isBetween(MIN_ESTIMATE_TO_ALLOCATED, MAX_ESTIMATE_TO_ALLOCATED);
    }

    /**
     * Like {@link #check} for batches, whose estimate depends on the caches at call time: each call
     * is planned first (outside the measurement, as in the service), and the estimate of that plan
     * is held against that call's allocation; the median call is reported. Returns its plan.
     */
    private BatchPlan checkBatch(String label, GuardedSearch guarded, Supplier<BatchRequest> requests) throws Exception {
        Method method = guardedMethod("batch");
        String expression = method.getAnnotation(MemoryAware.class).estimate();
        for (int i = 0; i < WARMUP_CALLS; i++) {
            guarded.batch(requests.get(), TestBatchSink.serializing());
        }
        BatchPlan[] plans = new BatchPlan[MEASURED_CALLS];
        long[][] estimateAndAllocated = new long[MEASURED_CALLS][];
        for (int i = 0; i < MEASURED_CALLS; i++) {
            BatchPlan plan = guarded.engine().plan(requests.get());
            long estimate = EstimateOracle.evaluate(method, expression, plan, corpus, null);
            long before = THREADS.getCurrentThreadAllocatedBytes();
            guarded.batch(plan, corpus, EstimateAccuracyTest::serializeBatch);
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            plans[i] = plan;
            estimateAndAllocated[i] = new long[] {estimate, allocated, i};
        }
        Arrays.sort(estimateAndAllocated, Comparator.comparingLong(pair -> pair[1]));
        long[] median = estimateAndAllocated[MEASURED_CALLS / 2];
        BatchPlan plan = plans[(int) median[2]];
        String description = String.format(Locale.ROOT, "%d queries, k=%d (%d searched, %d embedded, %d cached hits)",
                plan.request().size(), plan.request().k(), plan.searches(), plan.embeddings(), plan.cachedHits());
        report(label, description, median[0], median[1]);
        return plan;
    }

    private static void serializeBatch(List<SearchResult> results) throws IOException {
        ResultJson.serializeBatch(results);
    }

    /** {@code count} texts {@code prefix + n}, n from {@code first}, of equal length (so plans of a size cost the same). */
    private static List<String> texts(String prefix, int first, int count) {
        List<String> texts = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            texts.add(prefix + String.format(Locale.ROOT, "%06d", i));
        }
        return texts;
    }

    private static int nextFreshTexts(int count) {
        int first = freshTexts;
        freshTexts += count;
        return first;
    }

    /** Median bytes the calling thread allocates in one call, after warm-up. */
    private static long measure(Call call) throws IOException {
        for (int i = 0; i < WARMUP_CALLS; i++) {
            call.run();
        }
        long[] allocated = new long[MEASURED_CALLS];
        for (int i = 0; i < MEASURED_CALLS; i++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            call.run();
            allocated[i] = THREADS.getCurrentThreadAllocatedBytes() - before;
        }
        Arrays.sort(allocated);
        return allocated[MEASURED_CALLS / 2];
    }

    private static Method guardedMethod(String operation) {
        for (Method method : GuardedSearch.class.getMethods()) {
            MemoryAware guard = method.getAnnotation(MemoryAware.class);
            if (guard != null && (guard.operation().equals(operation) || guard.operation().equals("search." + operation))) {
                return method;
            }
        }
        throw new AssertionError("no @MemoryAware method for operation " + operation);
    }

    private static String describe(Object req) {
        if (req instanceof SearchRequest s) {
            String query = s.query().length() <= 40 ? s.query() : s.query().substring(0, 30) + "... (" + s.query().length() + " chars)";
            return String.format(Locale.ROOT, "q=\"%s\" k=%d offset=%d%s", query, s.k(), s.offset(),
                    s.mode() == SearchMode.FUZZY ? " edits=" + s.maxEdits() : "");
        }
        if (req instanceof ExportRequest e) {
            return "q=\"" + e.query() + "\"";
        }
        return String.valueOf(req);
    }
}
