package io.heapguard.it.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The stats file a forked JVM writes on SIGUSR1: where it goes, and its totals. */
final class StatsFile {

    private StatsFile() {
    }

    /** A path in the tests' work folder, with no file there yet. */
    static Path fresh(String name) throws IOException {
        Path workDir = Path.of(System.getProperty("heapguard.it.work", "target/it-work"));
        Files.createDirectories(workDir);
        Path statsFile = workDir.resolve(name + "-stats.json").toAbsolutePath();
        Files.deleteIfExists(statsFile);
        return statsFile;
    }

    /** The {@code "totals": {...}} object of the stats document, or null while not (fully) written. */
    static String totalsIn(Path statsFile) throws IOException {
        Matcher matcher = Pattern.compile("\"totals\"\\s*:\\s*\\{([^}]*)}")
                .matcher(Files.readString(statsFile, StandardCharsets.UTF_8));
        return matcher.find() ? matcher.group(1) : null;
    }

    static long field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!matcher.find()) {
            throw new AssertionError("no field '" + name + "' in " + json);
        }
        return Long.parseLong(matcher.group(1));
    }
}
