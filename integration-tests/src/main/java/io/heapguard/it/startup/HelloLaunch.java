package io.heapguard.it.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a hello-world app to its end and takes the wall time from just before the fork to the
 * exit. Output goes straight to files: a pipe nobody drains fast enough could block the app and
 * would be measured too.
 */
final class HelloLaunch implements Launch {

    /** A hello world takes well under a second; this only stops a hung JVM from hanging the run. */
    static final long EXIT_TIMEOUT_SECONDS = 60;

    private final Variant variant;
    private final List<String> command;
    private final String expectedOutput;
    private final Path logDir;

    /**
     * @param jvmOptions options before the main class, e.g. {@code -javaagent:...}; empty for none
     * @param classPath  the compiled apps plus the heapguard-api jar, the same for every variant
     */
    HelloLaunch(Variant variant, Path java, List<String> jvmOptions, String classPath, HelloApps.App app, Path logDir) {
        this.variant = variant;
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(app.mainClass());
        this.command = List.copyOf(cmd);
        this.expectedOutput = app.expectedOutput();
        this.logDir = logDir;
    }

    @Override
    public Variant variant() {
        return variant;
    }

    List<String> command() {
        return command;
    }

    @Override
    public RunSample run(int round, boolean warmup) throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        Path out = logDir.resolve(variant.name() + "-" + round + ".out");
        Path err = logDir.resolve(variant.name() + "-" + round + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        boolean exited = process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        long wall = System.nanoTime() - start;
        if (!exited) {
            process.destroyForcibly().waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            throw new IOException(variant.name() + " did not exit within " + EXIT_TIMEOUT_SECONDS + " s: "
                    + String.join(" ", command) + " (output in " + out + ", " + err + ")");
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        // a fast exit is only a start-up time if the app really ran: check what it printed
        if (process.exitValue() != 0 || !stdout.strip().equals(expectedOutput)) {
            throw new IOException(variant.name() + " exited with " + process.exitValue() + " printing '" + stdout.strip()
                    + "' (expected '" + expectedOutput + "'): " + String.join(" ", command) + "\nstderr:\n"
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return RunSample.of(variant.name(), round, warmup, Measure.EXIT, wall);
    }
}
