package io.heapguard.it.startup;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs every launch once per round, in the same order, round after round (A B A B ...): a drift
 * of the machine (another job starting, the CPU warming up) then hits every variant alike instead
 * of whichever happened to run last. Warm-up rounds fill the page cache and are kept out of the
 * statistics.
 */
final class RoundRobin {

    private RoundRobin() {
    }

    static List<RunSample> run(List<? extends Launch> launches, int warmupRounds, int measuredRounds, PrintStream progress)
            throws IOException, InterruptedException {
        List<RunSample> samples = new ArrayList<>();
        for (int round = 0; round < warmupRounds + measuredRounds; round++) {
            boolean warmup = round < warmupRounds;
            for (Launch launch : launches) {
                RunSample sample = launch.run(round, warmup);
                samples.add(sample);
                progress.println(describe(sample));
            }
        }
        return samples;
    }

    static String describe(RunSample sample) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-5s %-2d %-26s",
                sample.warmup() ? "warm" : "run", sample.round(), sample.variant()));
        for (Measure measure : Measure.values()) {
            if (sample.has(measure)) {
                line.append(String.format(Locale.ROOT, "  %s %.1f ms", measure.label(), sample.nanos(measure) / 1e6));
            }
        }
        return line.toString();
    }
}
