package io.heapguard.demo.index;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Build directories ({@code <index>.building-<pid>}) left behind by builds whose process died (a
 * SIGKILL runs no cleanup): found beside an index directory and removed, but never one whose
 * process is still alive, since that build is still running.
 */
final class StaleBuilds {

    private static final String INFIX = ".building-";
    private static final Pattern NAME = Pattern.compile("(.+)" + Pattern.quote(INFIX) + "(\\d+)");

    private StaleBuilds() {
    }

    /** The directory this process builds {@code dir} in. */
    static Path stagingFor(Path dir) {
        return dir.resolveSibling(dir.getFileName() + INFIX + ProcessHandle.current().pid());
    }

    /**
     * Removes the build directories beside {@code dir} (of any slice) whose process is gone; returns
     * how many. A directory that holds anything but index files is left alone.
     */
    static int removeDead(Path dir, PrintStream log) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> siblings = Files.list(parent)) {
            for (Path sibling : siblings.toList()) {
                Matcher name = NAME.matcher(sibling.getFileName().toString());
                if (!name.matches() || !Files.isDirectory(sibling)) {
                    continue;
                }
                long pid = Long.parseLong(name.group(2));
                if (isBuilding(pid, sibling) || !IndexStore.holdsOnlyIndexFiles(sibling)) {
                    continue;
                }
                log.println("removing " + sibling + ", left by build process " + pid + " which is no longer running");
                IndexStore.deleteRecursively(sibling);
                removed++;
            }
        }
        return removed;
    }

    /**
     * Whether process {@code pid} is alive and is the one that made {@code staging}: a process that
     * started after the directory was created only reuses the dead builder's pid.
     */
    static boolean isBuilding(long pid, Path staging) throws IOException {
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return false;
        }
        Optional<Instant> started = process.get().info().startInstant();
        if (started.isEmpty()) {
            return true; // cannot tell: keep it, as a live build's must never be removed
        }
        Instant created = Files.readAttributes(staging, BasicFileAttributes.class).creationTime().toInstant();
        // start times are rounded to clock ticks: allow a second before declaring the pid reused
        return !started.get().isAfter(created.plusSeconds(1));
    }
}
