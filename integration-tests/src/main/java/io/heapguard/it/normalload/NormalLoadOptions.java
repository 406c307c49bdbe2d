package io.heapguard.it.normalload;

import java.nio.file.Path;
import java.util.Set;

import io.heapguard.it.overload.OptionValues;
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
        OptionValues values = OptionValues.parse(args, KNOWN);
        return new NormalLoadOptions(
                Path.of(values.required("demo-jar")),
                Path.of(values.required("agent-jar")),
                Path.of(values.get("work-dir", "target/compare-work")),
                Path.of(values.get("out-dir", "target/normal-load")),
                values.has("java") ? Path.of(values.get("java", "")) : ServerSettings.currentJava(),
                values.positiveInt("heap-mb", 256),
                values.positiveInt("threads", 64),
                values.positiveInt("doc-limit", 10_000),
                values.positiveInt("clients", 2),
                values.positiveInt("load-seconds", 30),
                values.positiveInt("rounds", 3),
                Long.parseLong(values.get("seed", "42")));
    }
}
