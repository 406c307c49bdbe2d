package io.heapguard.it.normalload;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import io.heapguard.it.normalload.NormalLoadMain.Round;
import io.heapguard.it.normalload.NormalLoadMain.RunMeasure;

/** The side-by-side table of {@link NormalLoadMain}, as markdown. */
final class NormalLoadReport {

    private NormalLoadReport() {
    }

    static String markdown(NormalLoadOptions options, List<Round> rounds) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Normal load: -Xmx%dm, G1, %d server threads, WordNet slice of %d docs, %d clients"
                        + " of everyday queries (70%% keyword, 30%% vector, first page, every text new), %d s per run, JDK %s, %d cores.%n%n",
                options.server().heapMegabytes(), options.server().serverThreads(), options.server().docLimit(), options.clients(),
                options.loadSeconds(), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors()));
        md.append("| round | protection | ok/s | p50 ms | p99 ms | server CPU ms per answer | agent threads' CPU share"
                + " | guarded calls per answer | not ok (429) | load avg |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (int i = 0; i < rounds.size(); i++) {
            row(md, i + 1, rounds.get(i).none());
            row(md, i + 1, rounds.get(i).heapguard());
        }
        md.append('\n');
        md.append("| round | throughput heapguard / none | p50 ratio | p99 ratio | CPU per answer ratio |\n"
                + "|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < rounds.size(); i++) {
            Round r = rounds.get(i);
            md.append(String.format(Locale.ROOT, "| %d | %.3f | %.3f | %.3f | %.3f |%n", i + 1, r.throughputRatio(),
                    r.p50Ratio(), r.p99Ratio(), r.cpuPerAnswerRatio()));
        }
        md.append(String.format(Locale.ROOT, "| **median** | **%.3f** | **%.3f** | **%.3f** | **%.3f** |%n%n",
                median(rounds, Round::throughputRatio), median(rounds, Round::p50Ratio), median(rounds, Round::p99Ratio),
                median(rounds, Round::cpuPerAnswerRatio)));
        md.append(byOrder(rounds));
        md.append(agentShare(rounds));
        boolean valid = rounds.stream().allMatch(Round::valid);
        md.append(valid ? "Every request of every run was answered 200; none refused, no OutOfMemoryError.\n"
                : "**Some runs had requests not answered 200 (see the table): the ratios do not compare like with like.**\n");
        return md.toString();
    }

    private static void row(StringBuilder md, int round, RunMeasure m) {
        md.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | %.1f | %.3f | %.3f %% | %s | %d (%d) | %.1f-%.1f |%n",
                round, m.label(), m.okPerSecond(), m.p50Micros() / 1000.0, m.p99Micros() / 1000.0, m.cpuMillisPerAnswer(),
                100 * m.agentThreadsCpuShare(), Double.isNaN(m.guardedCallsPerAnswer()) ? "-"
                        : String.format(Locale.ROOT, "%.2f", m.guardedCallsPerAnswer()),
                m.notOk(), m.rejected(), m.loadBefore(), m.loadAfter()));
    }

    /**
     * The throughput and CPU-per-answer ratios split by which protection ran first in its round: an
     * order effect (the second run of a pair faster, say) shows as two medians on either side of 1,
     * and the truth lies between them. Alternating the order cancels it only over an even number of rounds.
     */
    static String byOrder(List<Round> rounds) {
        List<Round> first = rounds.stream().filter(Round::heapguardFirst).toList();
        List<Round> second = rounds.stream().filter(r -> !r.heapguardFirst()).toList();
        return String.format(Locale.ROOT, "By order: heapguard first in %d rounds, throughput ratio median %.3f, CPU per answer"
                        + " %.3f; heapguard second in %d rounds, %.3f and %.3f.%n%n", first.size(),
                median(first, Round::throughputRatio), median(first, Round::cpuPerAnswerRatio), second.size(),
                median(second, Round::throughputRatio), median(second, Round::cpuPerAnswerRatio));
    }

    /**
     * The cost the agent adds in threads of its own, measured directly rather than as a difference of
     * two noisy throughputs: its threads' share of the service's CPU with the agent, less the same
     * threads' share without it (the JVM's notification thread exists in both).
     */
    static String agentShare(List<Round> rounds) {
        double with = median(rounds, r -> r.heapguard().agentThreadsCpuShare());
        double without = median(rounds, r -> r.none().agentThreadsCpuShare());
        double calls = median(rounds, r -> r.heapguard().guardedCallsPerAnswer());
        return String.format(Locale.ROOT, "Agent threads (heapguard-*, and the JVM's Notification Thread, which runs its GC"
                + " listeners): median %.3f %% of the service's CPU with the agent, %.3f %% without it; %.2f guarded calls per"
                + " answer.%n%n", 100 * with, 100 * without, calls);
    }

    static double median(List<Round> rounds, ToDoubleFunction<Round> figure) {
        double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
        int n = values.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
