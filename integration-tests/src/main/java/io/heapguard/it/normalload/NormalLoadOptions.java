package io.heapguard.it.normalload;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.heapguard.it.overload.ServerSettings;

/**
 * Command-line options of {@link NormalLoadMain}, {@code --name=value}. Defaults: the comparison's
 * service (256 MiB heap, 64 server threads, 10,000-document slice), two clients (well within what
 * two cores serve), 30 s per run, three rounds.
 */
record NormalLoadOptions(Path demoJar, Path agentJar, Path workDir, Path outDir, Path javaExecutable, int heapMegabytes,
                         int serverThreads, int docLimit, int clients, int loadSeconds, int rounds, long seed) {

    private static final Set<String> KNOWN = Set.of("demo-jar", "agent-jar", "work-dir", "out-dir", "java", "heap-mb",
            "threads", "doc-limit", "clients", "load-seconds", "rounds", "seed");

    static NormalLoadOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("argument '" + arg + "' must look like --name=value; names: " + KNOWN);
            }
            String name = arg.substring(2, eq);
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; allowed: " + KNOWN);
            }
            values.put(name, arg.substring(eq + 1));
        }
        return new NormalLoadOptions(
                Path.of(required(values, "demo-jar")),
                Path.of(required(values, "agent-jar")),
                Path.of(values.getOrDefault("work-dir", "target/compare-work")),
                Path.of(values.getOrDefault("out-dir", "target/normal-load")),
                values.containsKey("java") ? Path.of(values.get("java")) : ServerSettings.currentJava(),
                positiveInt(values, "heap-mb", 256),
                positiveInt(values, "threads", 64),
                positiveInt(values, "doc-limit", 10_000),
                positiveInt(values, "clients", 2),
                positiveInt(values, "load-seconds", 30),
                positiveInt(values, "rounds", 3),
                Long.parseLong(values.getOrDefault("seed", "42")));
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + "=<path> is required");
        }
        return value;
    }

    private static int positiveInt(Map<String, String> values, String name, int fallback) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new IllegalArgumentException("--" + name + "=" + raw + " is not allowed: a positive whole number is");
    }
}
