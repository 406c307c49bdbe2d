package io.heapguard.it.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.heapguard.it.overload.DemoIndex;
import io.heapguard.it.overload.Json;
import io.heapguard.it.overload.LoadResult;
import io.heapguard.it.overload.OverloadPlans;
import io.heapguard.it.overload.OverloadRun;
import io.heapguard.it.overload.Protection;
import io.heapguard.it.overload.RequestMix;
import io.heapguard.it.overload.RunSpec;
import io.heapguard.it.overload.ServerSettings;
import io.heapguard.it.overload.WorkloadShape;

/**
 * The soak run (issue 15; {@code scripts/soak.sh}, not part of CI): the demo service with the agent,
 * overloaded by the overload comparison's load driver for {@code minutes}, sampled every
 * {@code sample-seconds}. Checks that the live heap after GC stays under the budget and that nothing
 * grows over time: reserved bytes, threads (all, and the agent's own), loaded classes. Writes
 * {@code soak-samples.csv}, {@code soak-chart.svg} and {@code soak-summary.md} to {@code out-dir};
 * exit status 0 when every check passed, 1 otherwise.
 */
public final class SoakMain {

    /** Growth allowed between the first and the last third of the run, beyond which it is called a leak. */
    private static final int MAX_THREAD_GROWTH = 4;
    private static final long MAX_CLASS_GROWTH = 300;
    private static final long DRAIN_MILLIS = 5_000;

    private SoakMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        System.exit(run(options));
    }

    private static int run(Map<String, String> o) throws IOException, InterruptedException {
        int minutes = Integer.parseInt(o.getOrDefault("minutes", "10"));
        int sampleSeconds = Integer.parseInt(o.getOrDefault("sample-seconds", "10"));
        int heapMb = Integer.parseInt(o.getOrDefault("heap-mb", "256"));
        int docLimit = Integer.parseInt(o.getOrDefault("doc-limit", "10000"));
        long seed = Long.parseLong(o.getOrDefault("seed", "42"));
        Path workDir = Path.of(o.getOrDefault("work-dir", "target/soak-work")).toAbsolutePath();
        Path outDir = Path.of(o.getOrDefault("out-dir", "target/soak")).toAbsolutePath();
        ServerSettings settings = new ServerSettings(ServerSettings.currentJava(), Path.of(o.get("demo-jar")),
                Path.of(o.get("agent-jar")), heapMb, Integer.parseInt(o.getOrDefault("threads", "64")),
                workDir.resolve("index-" + docLimit), docLimit, workDir.resolve("logs"))
                .withJarSnapshots(workDir.resolve("jars"));
        DemoIndex.ensure(settings);
        RunSpec spec = new RunSpec("soak", Protection.heapguard(), WorkloadShape.CPU_BOUND, RequestMix.standard(),
                OverloadPlans.forShape(WorkloadShape.CPU_BOUND, TimeUnit.MINUTES.toSeconds(minutes), DRAIN_MILLIS, seed),
                settings);
        System.out.printf(Locale.ROOT, "soak: %d min of overload, -Xmx%dm, seed %d, a sample every %d s%n",
                minutes, heapMb, seed, sampleSeconds);

        List<SoakSample> samples = new ArrayList<>();
        long budget;
        LoadResult load;
        boolean aliveAtEnd;
        try (OverloadRun run = OverloadRun.start(spec)) {
            ProcessProbe probe = new ProcessProbe(run.server().pid(), settings.javaExecutable());
            LoadResult[] result = new LoadResult[1];
            Thread driver = new Thread(() -> {
                try {
                    result[0] = run.driveLoad();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "soak-load");
            long origin = System.nanoTime();
            driver.start();
            while (driver.isAlive()) {
                driver.join(TimeUnit.SECONDS.toMillis(sampleSeconds));
                SoakSample sample = sample(run.stats(), probe, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - origin));
                samples.add(sample);
                System.out.println("  " + sample.csv());
            }
            load = result[0];
            JsonNode last = run.stats();
            budget = Json.longAt(last, "limits.maxHeap", Json.longAt(last, "limits.maxHeapBytes", -1));
            aliveAtEnd = run.server().isAlive();
        }
        return report(samples, budget, load, aliveAtEnd, minutes, heapMb, seed, outDir);
    }

    private static SoakSample sample(JsonNode stats, ProcessProbe probe, long atSeconds) {
        return new SoakSample(atSeconds, Json.longAt(stats, "memory.liveAfterGc", -1),
                Json.longAt(stats, "totals.reservedBytes", -1), Json.longAt(stats, "totals.inFlight", -1),
                Json.longAt(stats, "totals.admitted", -1), Json.longAt(stats, "totals.rejected", -1),
                Json.longAt(stats, "totals.leaks", -1), Json.longAt(stats, "totals.internalErrors", -1),
                probe.threads(), probe.agentThreads(), probe.loadedClasses(), probe.rssKilobytes());
    }

    private static int report(List<SoakSample> samples, long budget, LoadResult load, boolean aliveAtEnd, int minutes,
                              int heapMb, long seed, Path outDir) throws IOException {
        int third = Math.max(1, samples.size() / 3);
        List<SoakSample> first = samples.subList(0, third);
        List<SoakSample> last = samples.subList(samples.size() - third, samples.size());
        long maxLive = samples.stream().mapToLong(SoakSample::liveAfterGc).max().orElse(-1);
        List<String> checks = new ArrayList<>();
        boolean ok = aliveAtEnd;
        checks.add(check(aliveAtEnd, "the service is alive at the end"));
        ok &= add(checks, budget > 0 && maxLive > 0 && maxLive < budget,
                "live heap after GC stayed under the budget: max " + mib(maxLive) + " of " + mib(budget));
        // the load ramps up to its peak at half time, then holds it: compare the two halves of the plateau
        long loadSeconds = TimeUnit.MINUTES.toSeconds(minutes);
        List<SoakSample> plateau = samples.stream()
                .filter(s -> s.atSeconds() >= loadSeconds / 2 && s.atSeconds() <= loadSeconds * 95 / 100).toList();
        List<SoakSample> early = plateau.subList(0, plateau.size() / 2);
        List<SoakSample> late = plateau.subList(plateau.size() / 2, plateau.size());
        ok &= add(checks, !early.isEmpty() && mean(late, SoakSample::reservedBytes)
                        <= mean(early, SoakSample::reservedBytes) * 1.5 + budget / 20.0,
                "reserved bytes do not grow at peak load: mean " + mib((long) mean(early, SoakSample::reservedBytes))
                        + " in the first half of the plateau, " + mib((long) mean(late, SoakSample::reservedBytes))
                        + " in the second");
        SoakSample atEnd = samples.isEmpty() ? null : samples.get(samples.size() - 1);
        ok &= add(checks, atEnd != null && atEnd.reservedBytes() == 0 && atEnd.inFlight() == 0 && atEnd.leaks() == 0,
                "after the load nothing is reserved or in flight and nothing leaked: "
                        + (atEnd == null ? "no sample" : atEnd.reservedBytes() + " bytes, " + atEnd.inFlight()
                        + " calls, " + atEnd.leaks() + " leaks"));
        ok &= add(checks, maxOf(last, SoakSample::threads) <= maxOf(first, SoakSample::threads) + MAX_THREAD_GROWTH,
                "threads do not grow: at most " + maxOf(first, SoakSample::threads) + " in the first third, "
                        + maxOf(last, SoakSample::threads) + " in the last");
        ok &= add(checks, maxOf(last, SoakSample::heapguardThreads) <= maxOf(first, SoakSample::heapguardThreads),
                "the agent's threads do not grow: " + maxOf(first, SoakSample::heapguardThreads) + " then "
                        + maxOf(last, SoakSample::heapguardThreads));
        ok &= add(checks, maxOf(last, SoakSample::loadedClasses) <= maxOf(first, SoakSample::loadedClasses) + MAX_CLASS_GROWTH,
                "loaded classes do not grow: " + maxOf(first, SoakSample::loadedClasses) + " then "
                        + maxOf(last, SoakSample::loadedClasses));
        SoakSample end = samples.isEmpty() ? null : samples.get(samples.size() - 1);

        Files.createDirectories(outDir);
        StringBuilder csv = new StringBuilder(SoakSample.CSV_HEADER).append('\n');
        samples.forEach(s -> csv.append(s.csv()).append('\n'));
        Files.writeString(outDir.resolve("soak-samples.csv"), csv);
        String title = String.format(Locale.ROOT, "heapguard soak: %d min overload, -Xmx%dm, seed %d", minutes, heapMb, seed);
        Files.writeString(outDir.resolve("soak-chart.svg"), SoakChart.svg(samples, budget, title));
        StringBuilder md = new StringBuilder("# " + title + "\n\n");
        checks.forEach(c -> md.append("- ").append(c).append('\n'));
        if (load != null) {
            md.append(String.format(Locale.ROOT, "%nrequests sent %d, ok %d, rejected (429) %d, I/O errors %d%n",
                    load.sent(), load.ok(), load.rejected(), load.ioErrors()));
        }
        if (end != null) {
            md.append("\nlast sample: ").append(SoakSample.CSV_HEADER).append("\n").append(end.csv()).append('\n');
        }
        md.append("\nverdict: ").append(ok ? "PASS" : "FAIL").append('\n');
        Files.writeString(outDir.resolve("soak-summary.md"), md);
        System.out.print(md);
        return ok ? 0 : 1;
    }

    private static boolean add(List<String> checks, boolean passed, String what) {
        checks.add(check(passed, what));
        return passed;
    }

    private static String check(boolean passed, String what) {
        return (passed ? "PASS " : "FAIL ") + what;
    }

    private static double mean(List<SoakSample> samples, java.util.function.ToLongFunction<SoakSample> value) {
        return samples.stream().mapToLong(value).filter(v -> v >= 0).average().orElse(0);
    }

    private static long maxOf(List<SoakSample> samples, java.util.function.ToLongFunction<SoakSample> value) {
        return samples.stream().mapToLong(value).max().orElse(-1);
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
