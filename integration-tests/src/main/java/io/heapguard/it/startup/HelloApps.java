package io.heapguard.it.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two hello-world applications, compiled here from source so the benchmark needs nothing
 * prepared: {@code Hello} (no heapguard at all) and {@code HelloAnnotated} (one
 * {@code @MemoryAware} method, so the agent has something to weave).
 */
final class HelloApps {

    /** A main class, what it must print, and its source. */
    record App(String mainClass, String expectedOutput, String source) {
    }

    static final App HELLO = new App("Hello", "hello", """
            public class Hello {
              public static void main(String[] a) { System.out.println("hello"); }
            }
            """);

    static final App ANNOTATED = new App("HelloAnnotated", "hello 3", """
            import io.heapguard.MemoryAware;
            public class HelloAnnotated {
              @MemoryAware(estimate = "n * 1KB") static int work(int n) { return n; }
              public static void main(String[] a) { System.out.println("hello " + work(3)); }
            }
            """);

    private HelloApps() {
    }

    /** Compiles both apps into {@code classesDir} against the heapguard-api jar. */
    static void compile(Path classesDir, Path apiJar) throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        for (App app : List.of(HELLO, ANNOTATED)) {
            sources.put(app.mainClass(), app.source());
        }
        JavaSources.compile(sources, apiJar.toString(), classesDir);
    }

    /**
     * The heapguard-api jar the build just made, else the one this harness runs with (from the
     * local Maven repository): either carries the same annotation.
     */
    static Path findApiJar(Path builtDir) throws IOException {
        if (Files.isDirectory(builtDir)) {
            try (var jars = Files.list(builtDir)) {
                var built = jars.filter(p -> p.getFileName().toString().matches("heapguard-api-[^-]+(-SNAPSHOT)?\\.jar"))
                        .sorted().toList();
                if (!built.isEmpty()) {
                    return built.get(built.size() - 1);
                }
            }
        }
        try {
            Path own = Path.of(io.heapguard.MemoryAware.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(own)) {
                return own;
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // reported below
        }
        throw new IOException("no heapguard-api jar in " + builtDir + " nor on this class path; build it "
                + "(./mvnw -B -q -DskipTests package) or pass --api <jar>");
    }
}
