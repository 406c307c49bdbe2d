package io.heapguard.it.startup;

import io.heapguard.it.overload.DemoIndex;
import io.heapguard.it.overload.Protection;
import io.heapguard.it.overload.ServerSettings;
import io.heapguard.it.report.TextTable;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Start-up cost of the heapguard agent, with and without it, side by side in one run
 * ({@code agent/benchmarks/scripts/run-startup.sh}):
 * <ol>
 *   <li>hello world: wall time from fork to exit of {@code Hello} and of {@code HelloAnnotated}
 *       (one {@code @MemoryAware} method), each without and with {@code -javaagent}; {@code Hello}
 *       under a scan-only agent ({@link ScanOnlyAgent}, the floor of any such agent) and optionally
 *       under the OpenTelemetry agent as references;</li>
 *   <li>the demo search service: time from fork to its listening line and to the first answered
 *       keyword search, without and with the agent.</li>
 * </ol>
 * Writes {@code startup.md} (the table) and {@code startup.csv} (every run) to the output folder.
 */
public final class StartupMain {

    static final String TABLE_FILE = "startup.md";
    static final String RUNS_FILE = "startup.csv";
    static final String BUILD_COMMAND = "./mvnw -B -q -DskipTests package";
    /** The demo as the overload comparison runs it: its heap, thread count and index slice. */
    static final int DEMO_HEAP_MEGABYTES = 256;
    static final int DEMO_SERVER_THREADS = 64;
    static final int DEMO_DOC_LIMIT = 10_000;
    /** Keeps the reference agent quiet and offline: no exporter tries to reach a collector. */
    static final List<String> OTEL_OPTIONS = List.of("-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none",
            "-Dotel.logs.exporter=none");

    private StartupMain() {
    }

    public static void main(String[] args) throws Exception {
        if (StartupOptions.wantsHelp(args)) {
            System.out.print(StartupOptions.USAGE);
            return;
        }
        StartupOptions options;
        try {
            options = StartupOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("startup: " + e.getMessage() + "\n" + StartupOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(options, System.out));
    }

    static int run(StartupOptions options, PrintStream out) throws IOException, InterruptedException {
        String missing = missingFiles(options);
        if (missing != null) {
            System.err.println("startup: " + missing);
            return 2;
        }
        Path work = options.outDir().resolve("work");
        // private copies: a rebuild of the agent during the run must not change what later runs load
        ServerSettings settings = new ServerSettings(options.javaExecutable(), options.demoJar(), options.agentJar(),
                DEMO_HEAP_MEGABYTES, DEMO_SERVER_THREADS, options.indexDir(), DEMO_DOC_LIMIT, work.resolve("logs"))
                .withJarSnapshots(work.resolve("jars"));
        String javaVersion = javaVersion(options.javaExecutable());
        double loadBefore = loadAverage();
        Instant started = Instant.now();
        out.printf(Locale.ROOT, "heapguard start-up benchmark: %d warm-up + %d measured runs per variant, %s, %d cores, "
                + "load %.2f%n", options.warmup(), options.runs(), javaVersion, Runtime.getRuntime().availableProcessors(), loadBefore);

        List<Variant> variants = new ArrayList<>();
        List<RunSample> samples = new ArrayList<>();
        if (options.runsHello()) {
            runHello(options, settings, variants, samples, out);
        }
        if (options.runsDemo()) {
            runDemo(options, settings, variants, samples, out);
        }

        StartupReport report = new StartupReport(variants, samples);
        TextTable table = report.table();
        long seconds = ChronoUnit.SECONDS.between(started, Instant.now());
        String header = header(options, settings, javaVersion, started, loadBefore, loadAverage(), seconds);
        Files.createDirectories(options.outDir());
        Files.writeString(options.outDir().resolve(TABLE_FILE), header + "\n" + table.toMarkdown(), StandardCharsets.UTF_8);
        Files.writeString(options.outDir().resolve(RUNS_FILE), report.csv(), StandardCharsets.UTF_8);
        out.println();
        out.print(table.toText());
        out.printf(Locale.ROOT, "wrote %s and %s in %s (%d s)%n", TABLE_FILE, RUNS_FILE,
                options.outDir().toAbsolutePath(), seconds);
        return 0;
    }

    private static void runHello(StartupOptions options, ServerSettings settings, List<Variant> variants,
                                 List<RunSample> samples, PrintStream out) throws IOException, InterruptedException {
        Path apps = Files.createTempDirectory("heapguard-startup-");
        try {
            // the api jar beside the classes: the class path is fixed for the whole run, whatever gets rebuilt
            Path apiJar = apps.resolve("heapguard-api.jar");
            Path sourceApi = options.apiJar() != null ? options.apiJar() : HelloApps.findApiJar(Path.of("agent/api/target"));
            Files.copy(sourceApi, apiJar, StandardCopyOption.REPLACE_EXISTING);
            Path classes = apps.resolve("classes");
            HelloApps.compile(classes, apiJar);
            String classPath = classes + File.pathSeparator + apiJar;
            List<String> heapguard = List.of("-javaagent:" + settings.agentJar());
            Path logs = settings.logDir();

            Variant hello = Variant.baseline("hello");
            Variant annotated = Variant.baseline("annotated");
            List<HelloLaunch> launches = new ArrayList<>();
            launches.add(new HelloLaunch(hello, options.javaExecutable(), List.of(), classPath, HelloApps.HELLO, logs));
            launches.add(new HelloLaunch(Variant.comparedWith("hello+scan-only-agent", hello), options.javaExecutable(),
                    List.of("-javaagent:" + ScanOnlyAgent.build(apps)), classPath, HelloApps.HELLO, logs));
            launches.add(new HelloLaunch(Variant.comparedWith("hello+heapguard", hello), options.javaExecutable(),
                    heapguard, classPath, HelloApps.HELLO, logs));
            if (options.otelJar() != null) {
                List<String> otel = new ArrayList<>(OTEL_OPTIONS);
                otel.add(0, "-javaagent:" + options.otelJar().toAbsolutePath());
                launches.add(new HelloLaunch(Variant.comparedWith("hello+otel", hello), options.javaExecutable(),
                        otel, classPath, HelloApps.HELLO, logs));
            }
            launches.add(new HelloLaunch(annotated, options.javaExecutable(), List.of(), classPath, HelloApps.ANNOTATED, logs));
            launches.add(new HelloLaunch(Variant.comparedWith("annotated+heapguard", annotated), options.javaExecutable(),
                    heapguard, classPath, HelloApps.ANNOTATED, logs));

            out.println("hello world: wall time from fork to exit; commands:");
            launches.forEach(l -> out.println("  " + l.variant().name() + ": " + String.join(" ", l.command())));
            launches.forEach(l -> variants.add(l.variant()));
            samples.addAll(RoundRobin.run(launches, options.warmup(), options.runs(), out));
        } finally {
            deleteRecursively(apps);
        }
    }

    private static void runDemo(StartupOptions options, ServerSettings settings, List<Variant> variants,
                                List<RunSample> samples, PrintStream out) throws IOException, InterruptedException {
        DemoIndex.Outcome index = DemoIndex.ensure(settings);
        out.println(index.built()
                ? String.format(Locale.ROOT, "demo index: built in %.1f s at %s", index.buildMillis() / 1000.0, index.indexDir())
                : "demo index: reusing " + index.indexDir());
        Variant demo = Variant.baseline("demo");
        List<DemoLaunch> launches = List.of(
                new DemoLaunch(demo, settings, Protection.none()),
                new DemoLaunch(Variant.comparedWith("demo+heapguard", demo), settings, Protection.heapguard()));
        out.println("demo: time from fork to the listening line and to the first 200 of GET " + FirstQuery.PATH_AND_QUERY
                + " (logs in " + settings.logDir() + ")");
        launches.forEach(l -> variants.add(l.variant()));
        samples.addAll(RoundRobin.run(launches, options.warmup(), options.runs(), out));
    }

    /** Null when everything the chosen runs need exists, else what is missing and how to build it. */
    static String missingFiles(StartupOptions options) {
        StringBuilder missing = new StringBuilder();
        if (!Files.isRegularFile(options.agentJar())) {
            missing.append("agent jar not found at ").append(options.agentJar().toAbsolutePath()).append(". ");
        }
        if (options.runsDemo() && !Files.isRegularFile(options.demoJar())) {
            missing.append("demo jar not found at ").append(options.demoJar().toAbsolutePath()).append(". ");
        }
        if (options.otelJar() != null && !Files.isRegularFile(options.otelJar())) {
            missing.append("OpenTelemetry agent not found at ").append(options.otelJar().toAbsolutePath()).append(". ");
        }
        if (missing.length() == 0) {
            return null;
        }
        return missing + "Build the jars first, from the repository root: " + BUILD_COMMAND;
    }

    private static String header(StartupOptions options, ServerSettings settings, String javaVersion, Instant started,
                                 double loadBefore, double loadAfter, long seconds) throws IOException {
        StringBuilder md = new StringBuilder("# heapguard start-up\n\n");
        md.append(String.format(Locale.ROOT, "%s, %s, %d cores, load average %.2f before and %.2f after, %d s in all. "
                        + "%d warm-up + %d measured runs per variant, variants interleaved round by round.%n%n",
                started.truncatedTo(ChronoUnit.SECONDS), javaVersion, Runtime.getRuntime().availableProcessors(),
                loadBefore, loadAfter, seconds, options.warmup(), options.runs()));
        md.append(String.format(Locale.ROOT, "- agent: %s (%d bytes, modified %s)%n", options.agentJar(),
                Files.size(settings.agentJar()), Files.getLastModifiedTime(settings.agentJar())));
        if (options.otelJar() != null) {
            md.append("- reference: ").append(options.otelJar().getFileName()).append(' ')
                    .append(String.join(" ", OTEL_OPTIONS)).append('\n');
        }
        if (options.runsHello()) {
            md.append("- hello world: `java [-javaagent:...] -cp <classes>:heapguard-api.jar Hello|HelloAnnotated`; "
                    + "measure: wall time from fork to exit. `scan-only-agent`: a transformer that only byte-scans "
                    + "each class for the annotation (the floor of any annotation-driven agent).\n");
        }
        if (options.runsDemo()) {
            md.append(String.format(Locale.ROOT, "- demo: `java [-javaagent:...] -Xmx%dm -XX:+UseG1GC -jar heapguard-demo.jar "
                            + "serve --port 0 --threads %d --index-dir <first %d WordNet docs>`; measures: fork to the "
                            + "listening line, and fork to the first complete 200 of `GET %s`.%n", DEMO_HEAP_MEGABYTES,
                    DEMO_SERVER_THREADS, DEMO_DOC_LIMIT, FirstQuery.PATH_AND_QUERY));
        }
        md.append("- delta and ratio compare medians with the baseline (the same app without an agent).\n");
        return md.toString();
    }

    /** First line of {@code java -version} of the launcher being measured. */
    private static String javaVersion(Path java) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return text.lines().findFirst().orElse("java (version unknown)").strip();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
