package io.heapguard.it.normalload;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

import io.heapguard.it.overload.DemoIndex;
import io.heapguard.it.overload.LoadPlan;
import io.heapguard.it.overload.OverloadRun;
import io.heapguard.it.overload.Protection;
import io.heapguard.it.overload.RequestMix;
import io.heapguard.it.overload.RunResult;
import io.heapguard.it.overload.RunSpec;
import io.heapguard.it.overload.ServerSettings;
import io.heapguard.it.overload.WorkloadShape;

/**
 * What the agent costs the demo service at normal load ({@code ./mvnw -B -Pnormal-load -DskipTests
 * verify}): a few clients sending everyday queries (keyword and vector, first page, each text
 * new so no cache answers it: {@link RequestMix#everyday()}) that the service answers well within
 * its capacity and heap, once without the agent and once with its
 * defaults, alternating A B B A over the rounds so drift on a shared machine hits both alike.
 * Reports throughput and latency percentiles side by side, their ratios per round and the median
 * ratio, the load average, and any refusal (there must be none: this load fits).
 */
public final class NormalLoadMain {

    static final String TABLE_FILE = "normal-load.md";

    private NormalLoadMain() {
    }

    public static void main(String[] args) throws Exception {
        NormalLoadOptions options;
        try {
            options = NormalLoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("normal-load: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options, System.out));
    }

    static int run(NormalLoadOptions options, PrintStream out) throws IOException, InterruptedException {
        ServerSettings settings = options.server().settings();
        String missing = settings.missingJars(true);
        if (missing != null) {
            System.err.println("normal-load: " + missing);
            return 2;
        }
        settings = settings.withJarSnapshots(options.server().jarSnapshots());
        out.printf(Locale.ROOT, "heapguard at normal load: -Xmx%dm, %d clients of everyday queries, %d s per run, "
                        + "%d rounds, java %s%n", options.server().heapMegabytes(), options.clients(), options.loadSeconds(),
                options.rounds(), System.getProperty("java.version"));
        DemoIndex.Outcome index = DemoIndex.ensure(settings);
        out.println(index.built() ? "index: built at " + index.indexDir() : "index: reusing " + index.indexDir());

        RequestMix mix = RequestMix.everyday();
        List<Round> rounds = new ArrayList<>();
        for (int r = 0; r < options.rounds(); r++) {
            // A B, then B A: a drift in the machine's load over a round pair hits both alike
            boolean agentFirst = r % 2 == 1;
            RunMeasure first = measure(options, settings, mix, r, agentFirst, out);
            RunMeasure second = measure(options, settings, mix, r, !agentFirst, out);
            rounds.add(agentFirst ? new Round(second, first, true) : new Round(first, second, false));
        }
        String table = NormalLoadReport.markdown(options, rounds);
        Files.createDirectories(options.outDir());
        Files.writeString(options.outDir().resolve(TABLE_FILE), table, StandardCharsets.UTF_8);
        out.println();
        out.print(table);
        out.println("wrote " + options.outDir().resolve(TABLE_FILE).toAbsolutePath());
        return rounds.stream().allMatch(Round::valid) ? 0 : 1;
    }

    private static RunMeasure measure(NormalLoadOptions options, ServerSettings settings, RequestMix mix, int round,
                                      boolean withAgent, PrintStream out) throws IOException, InterruptedException {
        Protection protection = withAgent ? Protection.heapguard() : Protection.none();
        LoadPlan plan = new LoadPlan(options.clients(), options.clients(), 1, 1_000, options.loadSeconds() * 1_000L,
                LoadPlan.DRAIN_FULLY_MILLIS, options.seed() + round);
        RunSpec spec = new RunSpec("normal-" + round + "-" + protection.label(), protection, WorkloadShape.CPU_BOUND, mix,
                plan, settings);
        double loadBefore = LoadAverage.oneMinute();
        RunResult result;
        Duration serverCpu;
        double agentThreadsShare;
        long admitted;
        try (OverloadRun run = OverloadRun.start(spec)) {
            run.driveLoad();
            serverCpu = run.serverCpuDuringLoad();
            agentThreadsShare = run.agentThreadsCpuShareDuringLoad();
            admitted = run.admittedDuringLoad();
            result = run.finish();
        }
        double loadAfter = LoadAverage.oneMinute();
        Histogram latency = result.load().okLatencyMicros();
        long ok = result.load().ok();
        double cpuMillisPerAnswer = ok == 0 ? Double.NaN : serverCpu.toNanos() / 1e6 / ok;
        RunMeasure measure = new RunMeasure(protection.label(), result.load().goodputPerSecond(),
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), ok,
                result.load().sent() - ok, result.load().rejected(), result.outOfMemory(), cpuMillisPerAnswer,
                agentThreadsShare, admitted < 0 || ok == 0 ? Double.NaN : (double) admitted / ok, loadBefore, loadAfter);
        out.printf(Locale.ROOT, "  round %d %-10s %7.1f ok/s  p50 %6.1f ms  p99 %6.1f ms  CPU %.3f ms/answer  agent threads %.3f%%"
                        + "  guarded calls/answer %.2f  not ok %d (429: %d)  load %.1f-%.1f%n", round + 1, measure.label(),
                measure.okPerSecond(), measure.p50Micros() / 1000.0, measure.p99Micros() / 1000.0, cpuMillisPerAnswer,
                100 * agentThreadsShare, measure.guardedCallsPerAnswer(), measure.notOk(), measure.rejected(), loadBefore,
                loadAfter);
        return measure;
    }

    /**
     * One run's figures.
     *
     * @param cpuMillisPerAnswer the service's CPU time during the load over its answers: what each answer
     *                           cost it, which stolen time on a shared machine moves far less than throughput
     * @param agentThreadsCpuShare the share of that CPU time the agent's own threads used (the same threads
     *                             without the agent as a baseline); NaN where /proc cannot tell
     * @param guardedCallsPerAnswer calls heapguard admitted during the load over the answers; NaN without heapguard
     */
    record RunMeasure(String label, double okPerSecond, long p50Micros, long p99Micros, long ok, long notOk,
                      long rejected, boolean outOfMemory, double cpuMillisPerAnswer, double agentThreadsCpuShare,
                      double guardedCallsPerAnswer, double loadBefore, double loadAfter) {

        boolean valid() {
            return notOk == 0 && !outOfMemory && ok > 0;
        }
    }

    /**
     * The same round without and with the agent.
     *
     * @param heapguardFirst which ran first: on this machine the second run of a pair has been the
     *                       faster one, so the report also splits the ratios by order
     */
    record Round(RunMeasure none, RunMeasure heapguard, boolean heapguardFirst) {

        double throughputRatio() {
            return heapguard.okPerSecond() / none.okPerSecond();
        }

        double p50Ratio() {
            return (double) heapguard.p50Micros() / none.p50Micros();
        }

        double p99Ratio() {
            return (double) heapguard.p99Micros() / none.p99Micros();
        }

        double cpuPerAnswerRatio() {
            return heapguard.cpuMillisPerAnswer() / none.cpuMillisPerAnswer();
        }

        boolean valid() {
            return none.valid() && heapguard.valid();
        }
    }
}
