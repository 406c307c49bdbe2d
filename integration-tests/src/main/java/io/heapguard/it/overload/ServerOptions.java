package io.heapguard.it.overload;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The forked service's options, shared by the harness's commands ({@link CompareMain},
 * {@code NormalLoadMain}): its jars, JVM, heap, server threads and index size, and the work directory
 * that holds the index, the logs and the jar snapshots. Defaults: the comparison's service (256 MiB
 * heap, 64 server threads, 10,000-document WordNet slice).
 */
public record ServerOptions(Path demoJar, Path agentJar, Path workDir, Path javaExecutable, int heapMegabytes,
                            int serverThreads, int docLimit) {

    private static final Set<String> NAMES = Set.of("demo-jar", "agent-jar", "work-dir", "java", "heap-mb", "threads",
            "doc-limit");

    /** The option names read here and the command's own, for {@link OptionValues#parse}. */
    public static Set<String> namesWith(Set<String> commandNames) {
        Set<String> names = new HashSet<>(NAMES);
        names.addAll(commandNames);
        return Set.copyOf(names);
    }

    public static ServerOptions from(OptionValues values) {
        return new ServerOptions(
                Path.of(values.required("demo-jar")),
                Path.of(values.required("agent-jar")),
                Path.of(values.get("work-dir", "target/compare-work")),
                values.has("java") ? Path.of(values.get("java", "")) : ServerSettings.currentJava(),
                values.positiveInt("heap-mb", 256),
                values.positiveInt("threads", 64),
                values.positiveInt("doc-limit", 10_000));
    }

    /** The service's settings: the index and logs under the work directory, jars as given. */
    public ServerSettings settings() {
        return new ServerSettings(javaExecutable, demoJar, agentJar, heapMegabytes, serverThreads,
                workDir.resolve("index-" + docLimit), docLimit, workDir.resolve("logs"));
    }

    /** Where the jars are copied before the runs, so a rebuild during them changes nothing. */
    public Path jarSnapshots() {
        return workDir.resolve("jars");
    }
}
