package io.heapguard.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds and runs a real child JVM: a JDK, heap limit, optional {@code -javaagent}, class path and
 * main class. Output goes to files in the test's work folder so a failing test can print them.
 */
public final class ForkedJvm {

    private final Jdk jdk;
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> programArgs = new ArrayList<>();
    private String agentOptions;
    private boolean withAgent;
    private String classPath;
    private String mainClass;
    private Path jar;
    private Path workDir = Path.of(System.getProperty("heapguard.it.work", "target/it-work"));

    private ForkedJvm(Jdk jdk) {
        this.jdk = jdk;
    }

    public static ForkedJvm on(Jdk jdk) {
        return new ForkedJvm(jdk);
    }

    /** The packaged agent jar built by this reactor. */
    public static Path agentJar() {
        return requiredFile("heapguard.agent.jar");
    }

    /** The packaged demo jar built by this reactor. */
    public static Path demoJar() {
        return requiredFile("heapguard.demo.jar");
    }

    /** The class path of this test JVM (test classes and test dependencies). */
    public static String testClassPath() {
        return System.getProperty("java.class.path");
    }

    public ForkedJvm heap(String xmx) {
        jvmArgs.add("-Xmx" + xmx);
        return this;
    }

    public ForkedJvm jvmArg(String arg) {
        jvmArgs.add(arg);
        return this;
    }

    public ForkedJvm systemProperty(String key, String value) {
        jvmArgs.add("-D" + key + "=" + value);
        return this;
    }

    /** Adds {@code -javaagent:<agent jar>} with the given options ({@code k=v,k=v}; null for none). */
    public ForkedJvm withAgent(String options) {
        this.withAgent = true;
        this.agentOptions = options;
        return this;
    }

    public ForkedJvm classPath(String classPath) {
        this.classPath = classPath;
        return this;
    }

    public ForkedJvm mainClass(String mainClass) {
        this.mainClass = mainClass;
        return this;
    }

    public ForkedJvm jar(Path jar) {
        this.jar = jar;
        return this;
    }

    public ForkedJvm args(String... args) {
        programArgs.addAll(List.of(args));
        return this;
    }

    public ForkedJvm workDir(Path dir) {
        this.workDir = dir;
        return this;
    }

    public List<String> command() {
        jdk.assumePresent();
        List<String> cmd = new ArrayList<>();
        cmd.add(jdk.javaExecutable().toString());
        if (withAgent) {
            cmd.add("-javaagent:" + agentJar() + (agentOptions == null ? "" : "=" + agentOptions));
        }
        cmd.addAll(jvmArgs);
        if (jar != null) {
            cmd.add("-jar");
            cmd.add(jar.toString());
        } else {
            if (classPath != null) {
                cmd.add("-cp");
                cmd.add(classPath);
            }
            cmd.add(mainClass);
        }
        cmd.addAll(programArgs);
        return cmd;
    }

    /** Starts the JVM; stdout and stderr go to files under the work folder. */
    public Running start(String name) throws IOException {
        Files.createDirectories(workDir);
        Path out = workDir.resolve(name + ".out");
        Path err = workDir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(command())
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        return new Running(pb.start(), out, err);
    }

    /** Runs the JVM to completion (killing it after the timeout) and returns its result. */
    public Result run(String name, Duration timeout) throws IOException, InterruptedException {
        Running running = start(name);
        return running.await(timeout);
    }

    private static Path requiredFile(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set; run through Maven (failsafe)");
        }
        Path path = Path.of(value);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(property + " points to " + path + ", which does not exist; build it first (./mvnw -B verify)");
        }
        return path;
    }

    /** A started child JVM. */
    public static final class Running implements AutoCloseable {
        private final Process process;
        private final Path out;
        private final Path err;

        Running(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        public Process process() {
            return process;
        }

        public long pid() {
            return process.pid();
        }

        public String stdout() {
            return read(out);
        }

        public String stderr() {
            return read(err);
        }

        public Result await(Duration timeout) throws InterruptedException {
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            return new Result(finished ? process.exitValue() : -1, !finished, stdout(), stderr());
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }

        private static String read(Path file) {
            try {
                return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                return "<could not read " + file + ": " + e + ">";
            }
        }
    }

    /** How a child JVM ended. */
    public record Result(int exitCode, boolean timedOut, String stdout, String stderr) {
        public boolean diedOfOutOfMemory() {
            return stderr.contains("java.lang.OutOfMemoryError") || stdout.contains("java.lang.OutOfMemoryError");
        }

        /** For assertion messages: everything the child printed. */
        public String describe() {
            return "exit=" + exitCode + (timedOut ? " (timed out)" : "") + "\n--- stdout ---\n" + stdout
                    + "\n--- stderr ---\n" + stderr;
        }
    }
}
