package io.heapguard.demo.cli;

import io.heapguard.demo.load.LoadGenerator;
import io.heapguard.demo.load.LoadMix;
import io.heapguard.demo.load.LoadStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Drives a running server with a mix of light and heavy requests. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load generator: closed-loop clients, live progress on stderr, summary on stdout.")
public final class LoadCommand implements Callable<Integer> {

    @Option(names = "--url", required = true, description = "Server base URL, e.g. http://127.0.0.1:8080")
    String url;

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", defaultValue = "30s", description = "How long, e.g. 30s, 2m, 500ms (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--mix", defaultValue = LoadMix.DEFAULT,
            description = "Weighted kinds: keyword, fuzzy, vector, hybrid, deep, batch, export (default: ${DEFAULT-VALUE}).")
    String mix;

    @Override
    public Integer call() throws Exception {
        LoadGenerator generator = new LoadGenerator(url, clients, parseDuration(duration), LoadMix.parse(mix), System.err);
        LoadStats stats = generator.run();
        LoadGenerator.printSummary(stats, System.out);
        return 0;
    }

    static Duration parseDuration(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("--duration must be a number with ms, s or m (e.g. 30s), was '" + text + "'");
    }
}
