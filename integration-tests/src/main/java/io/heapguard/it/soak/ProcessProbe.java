package io.heapguard.it.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the kernel and the JDK's tools say about a process: threads, their names, RSS, loaded classes. */
final class ProcessProbe {

    private static final long JSTAT_TIMEOUT_SECONDS = 30;
    /** Thread names in /proc are cut to 15 characters; every agent thread's name starts so. */
    private static final String AGENT_THREAD_PREFIX = "heapguard";

    private final long pid;
    private final Path jstat;

    ProcessProbe(long pid, Path javaExecutable) {
        this.pid = pid;
        this.jstat = javaExecutable.resolveSibling("jstat");
    }

    int threads() {
        try (Stream<Path> tasks = Files.list(task())) {
            return (int) tasks.count();
        } catch (IOException e) {
            return -1;
        }
    }

    int agentThreads() {
        try (Stream<Path> tasks = Files.list(task())) {
            return (int) tasks.filter(t -> comm(t).startsWith(AGENT_THREAD_PREFIX)).count();
        } catch (IOException e) {
            return -1;
        }
    }

    long rssKilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** {@code jstat -class}: classes loaded now (loaded minus unloaded), or -1. */
    long loadedClasses() {
        try {
            Process process = new ProcessBuilder(jstat.toString(), "-class", Long.toString(pid))
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(JSTAT_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return -1;
            }
            String[] lines = out.strip().split("\n");
            String[] fields = lines[lines.length - 1].trim().split("\\s+");
            return Long.parseLong(fields[0]) - Long.parseLong(fields[2]);
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private Path task() {
        return Path.of("/proc", Long.toString(pid), "task");
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException threadEnded) {
            return "";
        }
    }
}
