package io.heapguard.it.overload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU clock ticks (user + system) of a process and of its threads whose names start with given
 * prefixes, read from {@code /proc}: what share of a service's CPU its agent's own threads took.
 * Both figures are in the same ticks, so their ratio needs no tick rate. Where {@code /proc} is
 * missing (not Linux) every reading is 0 and the share is unknown.
 */
public final class ThreadCpu {

    /**
     * The threads heapguard runs (all named {@code heapguard-...}) and the JVM's notification thread,
     * which calls heapguard's GC listeners and is otherwise idle in the demo.
     */
    public static final List<String> AGENT_THREAD_PREFIXES = List.of("heapguard-", "Notification");

    private ThreadCpu() {
    }

    /** One reading: the whole process's ticks (its ended threads included) and the matching threads'. */
    public record Reading(long processTicks, long matchingThreadTicks) {

        static final Reading NONE = new Reading(0, 0);

        /** The matching threads' share of the process's CPU between {@code earlier} and this reading; NaN when none was used. */
        public double shareSince(Reading earlier) {
            long process = processTicks - earlier.processTicks;
            return process <= 0 ? Double.NaN : (double) (matchingThreadTicks - earlier.matchingThreadTicks) / process;
        }
    }

    /** Reads {@code /proc/PID}; {@link Reading#NONE} when it cannot (the process ended, or no {@code /proc}). */
    public static Reading read(long pid, List<String> threadNamePrefixes) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            long process = ticks(Files.readString(proc.resolve("stat"), StandardCharsets.US_ASCII));
            long matching = 0;
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
                for (Path task : tasks) {
                    matching += matchingTicks(task, threadNamePrefixes);
                }
            }
            return new Reading(process, matching);
        } catch (IOException | RuntimeException e) {
            return Reading.NONE;
        }
    }

    private static long matchingTicks(Path task, List<String> prefixes) {
        try {
            String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
            for (String prefix : prefixes) {
                if (name.startsWith(prefix)) {
                    return ticks(Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII));
                }
            }
            return 0;
        } catch (IOException e) {
            return 0; // the thread ended between listing and reading
        }
    }

    /**
     * utime + stime from a {@code stat} line: fields 14 and 15, counted after the name in parentheses
     * (which may itself hold spaces and parentheses, so the last ')' ends it).
     */
    static long ticks(String statLine) {
        String[] fields = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state): utime is field 14, stime field 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
