package io.heapguard.it.overload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A forked demo service ({@code heapguard-demo.jar serve}) with a small heap. An
 * {@code OutOfMemoryError} ends it at once ({@code -XX:+ExitOnOutOfMemoryError}, exit code 3), so
 * an OOM is a clean, detectable death; the text "OutOfMemoryError" on either stream counts too.
 */
public final class DemoProcess implements AutoCloseable {

    /** Start-up opens the index and loads the embedding model; 2 busy shared cores make it slow. */
    public static final long STARTUP_TIMEOUT_SECONDS = 180;
    /** HotSpot's exit code under -XX:+ExitOnOutOfMemoryError. */
    public static final int EXIT_CODE_ON_OUT_OF_MEMORY = 3;
    /** A graceful stop gets this long; the run is measured already, so then it is killed. */
    private static final long STOP_TIMEOUT_SECONDS = 3;
    private static final long PUMP_DRAIN_SECONDS = 5;
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final String OOM_TEXT = "OutOfMemoryError";

    private final Process process;
    private final Path stdoutFile;
    private final Path stderrFile;
    private final Path gcLog;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final List<Thread> pumps = new ArrayList<>();
    private volatile boolean sawOutOfMemory;
    private volatile boolean stoppedByUs;
    private final long startNanos = System.nanoTime();
    private volatile long exitNanos;

    private DemoProcess(Process process, Path stdoutFile, Path stderrFile, Path gcLog) {
        this.process = process;
        this.stdoutFile = stdoutFile;
        this.stderrFile = stderrFile;
        this.gcLog = gcLog;
    }

    /** The command line; {@code name} names the log files. */
    public static List<String> command(ServerSettings settings, Protection protection, Path gcLog) {
        List<String> cmd = new ArrayList<>();
        cmd.add(settings.javaExecutable().toString());
        if (protection.kind() == Protection.Kind.HEAPGUARD) {
            cmd.add("-javaagent:" + settings.agentJar()
                    + (protection.agentOptions().isEmpty() ? "" : "=" + protection.agentOptions()));
        }
        cmd.add("-Xmx" + settings.heapMegabytes() + "m");
        cmd.add("-XX:+UseG1GC"); // pinned so every run, on every machine, uses the same collector
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-Xlog:gc:file=" + gcLog + ":uptime");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-jar");
        cmd.add(settings.demoJar().toString());
        cmd.add("serve");
        cmd.add("--port");
        cmd.add("0");
        cmd.add("--threads");
        cmd.add(Integer.toString(settings.serverThreads()));
        if (protection.kind() == Protection.Kind.BULKHEAD) {
            cmd.add("--bulkhead");
            cmd.add(Integer.toString(protection.bulkheadLimit()));
        }
        cmd.add("--index-dir");
        cmd.add(settings.indexDir().toString());
        cmd.add("--corpus");
        cmd.add(ServerSettings.CORPUS);
        cmd.add("--limit");
        cmd.add(Integer.toString(settings.docLimit()));
        return cmd;
    }

    /** Forks the service and waits until it listens; fails with its output when it does not. */
    public static DemoProcess start(ServerSettings settings, Protection protection, String name) throws IOException {
        Files.createDirectories(settings.logDir());
        Path out = settings.logDir().resolve(name + ".out");
        Path err = settings.logDir().resolve(name + ".err");
        Path gc = settings.logDir().resolve(name + "-gc.log");
        Process process = new ProcessBuilder(command(settings, protection, gc))
                .directory(settings.logDir().toFile())
                .start();
        DemoProcess server = new DemoProcess(process, out, err, gc);
        process.onExit().thenRun(() -> server.exitNanos = System.nanoTime());
        server.pump(process.getInputStream(), out, true);
        server.pump(process.getErrorStream(), err, false);
        server.awaitListening();
        return server;
    }

    private void awaitListening() throws IOException {
        try {
            port.get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            close();
            throw new IOException("demo service did not print 'listening on http://127.0.0.1:<port>' within "
                    + STARTUP_TIMEOUT_SECONDS + " s (" + e.getMessage() + ")\n" + describe(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while the demo service started", e);
        }
    }

    private void pump(InputStream stream, Path file, boolean lookForPort) {
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
                 PrintWriter writer = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), true)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    writer.println(line);
                    if (line.contains(OOM_TEXT)) {
                        sawOutOfMemory = true;
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (lookForPort && m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the stream closes when the process ends; nothing left to copy
            } finally {
                if (lookForPort) {
                    port.completeExceptionally(new IOException("the process exited before listening"));
                }
            }
        }, "demo-" + (lookForPort ? "stdout" : "stderr") + "-pump");
        pump.setDaemon(true);
        pumps.add(pump);
        pump.start();
    }

    public int port() {
        return port.getNow(-1);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** CPU time (user + system, all threads) used so far; zero once it ended, or where the system does not say. */
    public java.time.Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(java.time.Duration.ZERO);
    }

    /** Whether the process ended on its own (not stopped by {@link #close()}). */
    public boolean exitedByItself() {
        return !process.isAlive() && !stoppedByUs;
    }

    /** Exit code, or -1 while running. */
    public int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    public boolean diedOfOutOfMemory() {
        return sawOutOfMemory || exitedByItself() && exitCode() == EXIT_CODE_ON_OUT_OF_MEMORY;
    }

    /** {@link System#nanoTime()} when the process was forked: the JVM's uptime starts about then. */
    public long forkNanos() {
        return startNanos;
    }

    /** Milliseconds from fork to exit, or -1 while running. */
    public long exitedAfterMillis() {
        long at = exitNanos;
        return at == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(at - startNanos);
    }

    public Path stdoutFile() {
        return stdoutFile;
    }

    public Path stderrFile() {
        return stderrFile;
    }

    public Path gcLog() {
        return gcLog;
    }

    /** Exit status and the tail of both streams, for error messages. */
    public String describe() {
        if (!process.isAlive()) {
            awaitPumps(); // the last lines may still be on their way to the files
        }
        return "pid " + process.pid() + (process.isAlive() ? " running" : " exit=" + process.exitValue())
                + "\n--- stdout (" + stdoutFile + ") ---\n" + tail(stdoutFile)
                + "\n--- stderr (" + stderrFile + ") ---\n" + tail(stderrFile);
    }

    private void awaitPumps() {
        for (Thread pump : pumps) {
            try {
                pump.join(TimeUnit.SECONDS.toMillis(PUMP_DRAIN_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String tail(Path file) {
        final int tailChars = 4_000;
        try {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            return text.length() <= tailChars ? text : "..." + text.substring(text.length() - tailChars);
        } catch (IOException e) {
            return "<unreadable: " + e + ">";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stoppedByUs = true;
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
