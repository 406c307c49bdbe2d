package io.heapguard.it.overload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the demo's index once ({@code heapguard-demo.jar index}) and reuses it afterwards. A marker
 * written after a successful build records the corpus slice, so a half-built index (an interrupted
 * build) or one of another size is rebuilt rather than trusted.
 */
public final class DemoIndex {

    static final String MARKER_FILE = ".heapguard-index-complete";
    /** Indexing embeds every gloss; on 2 shared cores the full WordNet takes minutes. */
    static final long BUILD_TIMEOUT_MINUTES = 20;
    /** The indexer is not what is measured: give it room to run fast. */
    static final String INDEXER_HEAP = "-Xmx1g";

    private DemoIndex() {
    }

    /** What {@link #ensure} did. */
    public record Outcome(Path indexDir, boolean built, long buildMillis) {
    }

    /** Builds the index unless a complete one for the same slice exists. Thread-safe within one JVM. */
    public static synchronized Outcome ensure(ServerSettings settings) throws IOException, InterruptedException {
        Path dir = settings.indexDir();
        Path marker = dir.resolve(MARKER_FILE);
        String expected = markerText(settings);
        if (Files.isRegularFile(marker) && Files.readString(marker, StandardCharsets.UTF_8).equals(expected)) {
            return new Outcome(dir, false, 0);
        }
        deleteRecursively(dir);
        Files.createDirectories(settings.logDir());
        Path log = settings.logDir().resolve("index-build.log");
        List<String> cmd = List.of(settings.javaExecutable().toString(), INDEXER_HEAP, "-jar", settings.demoJar().toString(),
                "index", "--index-dir", dir.toString(), "--corpus", ServerSettings.CORPUS,
                "--limit", Integer.toString(settings.docLimit()));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IOException("building the index did not finish within " + BUILD_TIMEOUT_MINUTES
                    + " minutes: " + String.join(" ", cmd) + " (log: " + log + ")");
        }
        if (process.exitValue() != 0) {
            throw new IOException("building the index failed with exit code " + process.exitValue() + ": "
                    + String.join(" ", cmd) + "\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Files.writeString(marker, expected, StandardCharsets.UTF_8);
        return new Outcome(dir, true, millis);
    }

    private static String markerText(ServerSettings settings) {
        return "corpus=" + ServerSettings.CORPUS + "\nlimit=" + settings.docLimit() + "\n";
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
