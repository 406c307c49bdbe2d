package io.heapguard.it.overload;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The overload comparison ({@code ./mvnw -B -Pcompare -DskipTests verify}): the demo service with a
 * small heap, driven past what the heap holds, once unprotected, once per bulkhead size and once
 * with heapguard's defaults — same heap, same load, same seed — for each workload shape. Prints the
 * side-by-side table and writes it as markdown, plus a chart of live heap over time, to the output
 * folder.
 */
public final class CompareMain {

    static final String TABLE_FILE = "results.md";
    static final String CHART_FILE = "heap-over-time.png";
    static final String SAMPLES_FILE = "heap-samples.csv";
    /** Requests still running this long after the window are cut off: keeps the whole comparison short. */
    static final long COMPARE_DRAIN_MILLIS = 3_000;

    private CompareMain() {
    }

    public static void main(String[] args) throws Exception {
        CompareOptions options;
        try {
            options = CompareOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("compare: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options, System.out));
    }

    static int run(CompareOptions options, PrintStream out) throws IOException, InterruptedException {
        long start = System.nanoTime();
        ServerOptions server = options.server();
        ServerSettings settings = server.settings();
        String missing = settings.missingJars(true);
        if (missing != null) {
            System.err.println("compare: " + missing);
            return 2;
        }
        settings = settings.withJarSnapshots(server.jarSnapshots());
        out.printf(Locale.ROOT, "heapguard overload comparison: -Xmx%dm, %d server threads, WordNet slice of %d docs, "
                        + "%d s of load per run, seed %d, java %s%n", server.heapMegabytes(), server.serverThreads(),
                server.docLimit(), options.loadSeconds(), options.seed(), System.getProperty("java.version"));
        DemoIndex.Outcome index = DemoIndex.ensure(settings);
        out.println(index.built()
                ? String.format(Locale.ROOT, "index: built on first use in %.1f s at %s", index.buildMillis() / 1000.0, index.indexDir())
                : "index: reusing " + index.indexDir());

        List<RunResult> results = new ArrayList<>();
        for (WorkloadShape shape : options.shapes()) {
            for (Protection protection : protections(options)) {
                RunSpec spec = new RunSpec(shape.name() + "-" + protection.label(), protection, shape,
                        RequestMix.standard(), OverloadPlans.forShape(shape, options.loadSeconds(), COMPARE_DRAIN_MILLIS, options.seed()), settings);
                long runStart = System.nanoTime();
                RunResult result = OverloadRun.execute(spec);
                results.add(result);
                out.printf(Locale.ROOT, "  %-28s %s, goodput %.1f ok/s, 429s %d, max heap after GC %s MiB (start-up %.1f s, run %.1f s)%n",
                        spec.name(), result.outOfMemory() ? "OOM" : "alive", result.load().goodputPerSecond(), result.load().rejected(),
                        result.maxHeapAfterGc() < 0 ? "-" : ComparisonReport.mib(result.maxHeapAfterGc()),
                        result.startupMillis() / 1000.0, (System.nanoTime() - runStart) / 1e9);
            }
        }

        ComparisonReport report = new ComparisonReport(results);
        Files.createDirectories(options.outDir());
        long totalSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        String header = String.format(Locale.ROOT, "Overload comparison: -Xmx%dm, G1, %d server threads, WordNet slice of %d docs, "
                        + "%d s load per run, seed %d, JDK %s, %d cores. Index %s. Total %d s.%n%n", server.heapMegabytes(),
                server.serverThreads(), server.docLimit(), options.loadSeconds(), options.seed(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                index.built() ? String.format(Locale.ROOT, "built in %.1f s", index.buildMillis() / 1000.0) : "reused",
                totalSeconds);
        Files.writeString(options.outDir().resolve(TABLE_FILE), header + report.markdown(), StandardCharsets.UTF_8);
        HeapChart.write(options.outDir().resolve(CHART_FILE), report.byShape(), server.heapMegabytes() * 1024L * 1024L);
        writeSamples(options.outDir().resolve(SAMPLES_FILE), results);
        out.println();
        out.print(report.text());
        out.printf(Locale.ROOT, "wrote %s, %s and %s in %s (total %d s)%n", TABLE_FILE, CHART_FILE, SAMPLES_FILE,
                options.outDir().toAbsolutePath(), totalSeconds);
        return 0;
    }

    private static List<Protection> protections(CompareOptions options) {
        List<Protection> protections = new ArrayList<>();
        if (options.kinds().contains(Protection.Kind.NONE)) {
            protections.add(Protection.none());
        }
        if (options.kinds().contains(Protection.Kind.BULKHEAD)) {
            options.bulkheads().forEach(n -> protections.add(Protection.bulkhead(n)));
        }
        if (options.kinds().contains(Protection.Kind.HEAPGUARD)) {
            protections.add(Protection.heapguard());
        }
        return protections;
    }

    private static void appendSamples(StringBuilder text, RunResult r, String source, List<HeapSample> samples) {
        for (HeapSample s : samples) {
            text.append(r.spec().shape().name()).append(',').append(r.label()).append(',').append(source).append(',')
                    .append(s.atMillis()).append(',').append(s.liveAfterGc()).append(',').append(s.heapUsed()).append('\n');
        }
    }

    private static void writeSamples(Path csv, List<RunResult> results) throws IOException {
        StringBuilder text = new StringBuilder("shape,protection,source,at_ms,after_gc_bytes,used_bytes\n");
        for (RunResult r : results) {
            appendSamples(text, r, "gc-log", r.gcSamples());
            appendSamples(text, r, "health", r.heapSamples());
        }
        Files.writeString(csv, text, StandardCharsets.UTF_8);
    }
}
