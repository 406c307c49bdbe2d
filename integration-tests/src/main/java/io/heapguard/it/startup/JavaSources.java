package io.heapguard.it.startup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles the benchmark's small programs from source, so the benchmark needs nothing prepared. */
final class JavaSources {

    private JavaSources() {
    }

    /**
     * @param sources   source text by top-level class name
     * @param classPath what the sources compile against, or empty
     */
    static void compile(Map<String, String> sources, String classPath, Path classesDir) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IOException("no Java compiler in " + System.getProperty("java.home")
                    + ": run the benchmark on a JDK, not a JRE");
        }
        Path sourceDir = Files.createDirectories(classesDir.resolve("src"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-parameters", "-d", classesDir.toString()));
        if (!classPath.isEmpty()) {
            args.addAll(List.of("-cp", classPath));
        }
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceDir.resolve(source.getKey() + ".java");
            Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
            args.add(file.toString());
        }
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        PrintStream to = new PrintStream(messages, true, StandardCharsets.UTF_8);
        if (javac.run(null, to, to, args.toArray(String[]::new)) != 0) {
            throw new IOException("compiling " + sources.keySet() + " failed (javac " + String.join(" ", args) + "):\n"
                    + messages.toString(StandardCharsets.UTF_8));
        }
    }
}
