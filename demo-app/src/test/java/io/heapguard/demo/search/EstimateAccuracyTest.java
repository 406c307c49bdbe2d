package io.heapguard.demo.search;

import io.heapguard.MemoryAware;
import io.heapguard.demo.DemoServices;
import io.heapguard.demo.TestServices;
import io.heapguard.demo.corpus.Corpus;
import io.heapguard.demo.corpus.CorpusSlice;
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
import java.util.List;
import java.util.Locale;

/**
 * Keeps the {@code @MemoryAware} estimates honest: each guarded method is called over a range of
 * request sizes, the bytes the calling thread allocated are measured
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}), and the method's real
 * annotation string, evaluated by {@link EstimateOracle}, must stay within a band of that.
 *
 * <p>Caches are off, so every call does its real work. The table goes to
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
    private static CorpusStats corpus;
    private static final List<String> REPORT = new ArrayList<>();

    @BeforeAll
    static void openWithoutCaches() throws IOException {
        boolean full = "full".equals(System.getProperty("heapguard.demo.estimateCorpus"));
        CorpusSlice slice = full ? CorpusSlice.all() : TestServices.SLICE;
        Path dir = full ? IndexStore.defaultDir(Corpus.WORDNET, slice) : TestServices.DIR;
        services = DemoServices.open(dir, Corpus.WORDNET, slice, System.err, 0, 0);
        search = services.search();
        corpus = search.corpus();
        REPORT.add("corpus: " + (full ? "wordnet (all)" : "wordnet test slice") + ", " + corpus);
        REPORT.add("| operation | request | estimate (KiB) | allocated (KiB) | allocated / estimate |");
        REPORT.add("|---|---|---:|---:|---:|");
    }

    @AfterAll
    static void writeReport() throws IOException {
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "estimate-ratios.md"), REPORT);
        services.close();
    }

    @Test
    void keyword_estimateTracksAllocation() throws Exception {
        for (int[] kAndOffset : new int[][] {{10, 0}, {100, 0}, {1_000, 0}, {10, 2_000}, {3_000, 0}, {1_000, 999_000}}) {
            SearchRequest req = new SearchRequest(SearchMode.KEYWORD, "*:*", kAndOffset[0], kAndOffset[1], 2);
            check("keyword", req, () -> search.keyword(req, corpus, EstimateAccuracyTest::serialize));
        }
    }

    @Test
    void fuzzy_estimateTracksAllocation() throws Exception {
        for (String query : new String[] {"tigr", "larg stripd felin", "larg stripd felin cat wth tawnu coat"}) {
            for (int edits = 1; edits <= 2; edits++) {
                SearchRequest req = new SearchRequest(SearchMode.FUZZY, query, 10, 0, edits);
                check("fuzzy", req, () -> search.fuzzy(req, corpus, EstimateAccuracyTest::serialize));
            }
        }
        // a page that fills: the broad query matches hundreds of glosses
        SearchRequest wide = new SearchRequest(SearchMode.FUZZY, "larg stripd felin cat wth tawnu coat", 300, 0, 2);
        check("fuzzy", wide, () -> search.fuzzy(wide, corpus, EstimateAccuracyTest::serialize));
    }

    @Test
    void vector_estimateTracksAllocation() throws Exception {
        for (int[] kAndOffset : new int[][] {{10, 0}, {100, 0}, {1_000, 0}, {10, 1_000}, {3_000, 0}}) {
            SearchRequest req = new SearchRequest(SearchMode.VECTOR, "large striped feline", kAndOffset[0], kAndOffset[1], 2);
            check("vector", req, () -> search.vector(req, corpus, EstimateAccuracyTest::serialize));
        }
    }

    @Test
    void exact_estimateTracksAllocation() throws Exception {
        for (int[] kAndOffset : new int[][] {{10, 0}, {100, 0}, {1_000, 0}, {10, 1_000}, {3_000, 0}}) {
            SearchRequest req = new SearchRequest(SearchMode.EXACT, "large striped feline", kAndOffset[0], kAndOffset[1], 2);
            check("exact", req, () -> search.exact(req, corpus, EstimateAccuracyTest::serialize));
        }
    }

    @Test
    void hybrid_estimateTracksAllocation() throws Exception {
        for (int[] kAndOffset : new int[][] {{10, 0}, {100, 0}, {1_000, 0}, {10, 1_000}, {3_000, 0}}) {
            SearchRequest req = new SearchRequest(SearchMode.HYBRID, "large striped feline", kAndOffset[0], kAndOffset[1], 2);
            check("hybrid", req, () -> search.hybrid(req, corpus, EstimateAccuracyTest::serialize));
        }
    }

    @Test
    void batch_estimateTracksAllocation() throws Exception {
        for (int size : new int[] {1, 10, 40}) {
            for (int k : new int[] {10, 100, 1_000}) {
                List<String> queries = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    queries.add("large striped feline " + i);
                }
                BatchRequest req = new BatchRequest(SearchMode.VECTOR, k, queries, null);
                check("batch", req, () -> search.batch(req, corpus, results -> ResultJson.serializeBatch(results)));
            }
        }
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

    private void check(String operation, Object req, Call call) throws Exception {
        Method method = guardedMethod(operation);
        long estimate = EstimateOracle.evaluate(method, method.getAnnotation(MemoryAware.class).estimate(),
                req, corpus, null);
        long median = measure(call);
        double ratio = (double) median / estimate;
        REPORT.add(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.2f |", operation, describe(req),
                estimate / 1024, median / 1024, ratio));
        System.out.println(REPORT.get(REPORT.size() - 1));
        softly.assertThat((double) estimate / median)
                .as("%s %s: estimate %d bytes vs allocated %d bytes", operation, describe(req), estimate, median)
                .isBetween(MIN_ESTIMATE_TO_ALLOCATED, MAX_ESTIMATE_TO_ALLOCATED);
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
            return String.format(Locale.ROOT, "q=\"%s\" k=%d offset=%d%s", s.query(), s.k(), s.offset(),
                    s.mode() == SearchMode.FUZZY ? " edits=" + s.maxEdits() : "");
        }
        if (req instanceof BatchRequest b) {
            return String.format(Locale.ROOT, "%d queries, k=%d", b.size(), b.k());
        }
        if (req instanceof ExportRequest e) {
            return "q=\"" + e.query() + "\"";
        }
        return String.valueOf(req);
    }
}
