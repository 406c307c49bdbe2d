package io.heapguard.it.overload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How the demo service is forked: the same for every protection, so runs differ only in that.
 *
 * @param javaExecutable the {@code java} launcher of the JDK to run on
 * @param demoJar        heapguard-demo.jar
 * @param agentJar       heapguard-agent.jar (used only by heapguard runs)
 * @param heapMegabytes  {@code -Xmx}
 * @param serverThreads  {@code serve --threads}
 * @param indexDir       the index built by {@link DemoIndex}
 * @param docLimit       documents of the corpus to index and serve ({@code --limit})
 * @param logDir         where each run's stdout, stderr and GC log go
 */
public record ServerSettings(Path javaExecutable, Path demoJar, Path agentJar, int heapMegabytes, int serverThreads,
                             Path indexDir, int docLimit, Path logDir) {

    /** The embedded default corpus. */
    public static final String CORPUS = "wordnet";

    public ServerSettings {
        Objects.requireNonNull(javaExecutable, "javaExecutable");
        Objects.requireNonNull(demoJar, "demoJar");
        Objects.requireNonNull(agentJar, "agentJar");
        Objects.requireNonNull(indexDir, "indexDir");
        Objects.requireNonNull(logDir, "logDir");
        // the service runs in logDir: relative paths would resolve against it
        javaExecutable = javaExecutable.toAbsolutePath();
        demoJar = demoJar.toAbsolutePath();
        agentJar = agentJar.toAbsolutePath();
        indexDir = indexDir.toAbsolutePath();
        logDir = logDir.toAbsolutePath();
        if (heapMegabytes < 16 || serverThreads < 1 || docLimit < 1) {
            throw new IllegalArgumentException("need heapMegabytes >= 16, serverThreads >= 1, docLimit >= 1; were "
                    + heapMegabytes + ", " + serverThreads + ", " + docLimit);
        }
    }

    /** The {@code java} of the JDK running this harness. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * These settings with private copies of the jars under {@code dir}: a jar rebuilt while a
     * forked service runs (a developer's build in the same checkout) breaks that service's class
     * loading mid-run. Unchanged copies (same size and time) are reused.
     */
    public ServerSettings withJarSnapshots(Path dir) throws java.io.IOException {
        Files.createDirectories(dir);
        return new ServerSettings(javaExecutable, snapshot(demoJar, dir), snapshot(agentJar, dir), heapMegabytes,
                serverThreads, indexDir, docLimit, logDir);
    }

    private static Path snapshot(Path jar, Path dir) throws java.io.IOException {
        if (!Files.isRegularFile(jar)) {
            return jar; // reported by missingJars
        }
        Path copy = dir.resolve(jar.getFileName());
        if (!Files.isRegularFile(copy) || Files.size(copy) != Files.size(jar)
                || !Files.getLastModifiedTime(copy).equals(Files.getLastModifiedTime(jar))) {
            Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        return copy;
    }

    /** Null when both jars exist, else a sentence naming what is missing and how to build it. */
    public String missingJars(boolean needAgent) {
        StringBuilder missing = new StringBuilder();
        if (!Files.isRegularFile(demoJar)) {
            missing.append("demo jar not found at ").append(demoJar).append(". ");
        }
        if (needAgent && !Files.isRegularFile(agentJar)) {
            missing.append("agent jar not found at ").append(agentJar).append(". ");
        }
        return missing.length() == 0 ? null : missing + "Build them first: ./mvnw -B -DskipTests install";
    }
}
