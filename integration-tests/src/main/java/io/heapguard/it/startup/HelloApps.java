package io.heapguard.it.startup;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IOException("no Java compiler in " + System.getProperty("java.home")
                    + ": run the benchmark on a JDK, not a JRE");
        }
        Path sources = Files.createDirectories(classesDir.resolve("src"));
        Files.createDirectories(classesDir);
        List<String> args = new java.util.ArrayList<>(List.of("--release", "17", "-parameters",
                "-cp", apiJar.toString(), "-d", classesDir.toString()));
        for (App app : List.of(HELLO, ANNOTATED)) {
            Path file = sources.resolve(app.mainClass() + ".java");
            Files.writeString(file, app.source(), StandardCharsets.UTF_8);
            args.add(file.toString());
        }
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javac.run(null, new PrintStream(messages, true, StandardCharsets.UTF_8),
                new PrintStream(messages, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        if (status != 0) {
            throw new IOException("compiling the hello-world apps failed (javac " + String.join(" ", args) + "):\n"
                    + messages.toString(StandardCharsets.UTF_8));
        }
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
