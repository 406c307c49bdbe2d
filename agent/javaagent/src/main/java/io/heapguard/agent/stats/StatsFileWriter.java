package io.heapguard.agent.stats;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes the stats document so a reader never sees a partial or foreign-readable file: the bytes go
 * to a temporary file in the same directory, created owner-only ({@code rw-------}) from the start,
 * which then atomically replaces the target. With no target the document goes to standard error.
 */
final class StatsFileWriter {

    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final String TEMP_SUFFIX = ".tmp";

    private final Supplier<Path> targetSource;
    private final PrintStream stderr;

    /** @param target the stats file, or null for standard error */
    StatsFileWriter(Path target, PrintStream stderr) {
        this(new Fixed(target), stderr);
    }

    /**
     * @param target gives the stats file, or null for standard error; asked on each write, not here:
     *               {@code AgentSettings.statsFile()} puts in the process id, and the JVM's first
     *               {@code ProcessHandle.current()} costs tens of milliseconds of start-up CPU
     */
    StatsFileWriter(Supplier<Path> target, PrintStream stderr) {
        this.targetSource = target;
        this.stderr = stderr;
    }

    /** Writes one document; returns the file written, or null when it went to standard error. */
    Path write(byte[] json) throws IOException {
        Path target = targetSource.get();
        if (target == null) {
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            stderr.write(line, 0, line.length); // one write keeps the document in one piece
            stderr.flush();
            return null;
        }
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", TEMP_SUFFIX,
                ownerOnlyAttributes());
        try {
            Files.write(temp, json);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            Files.deleteIfExists(temp); // only still there when the write or the move failed
        }
    }

    private static FileAttribute<?>[] ownerOnlyAttributes() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)};
        }
        return new FileAttribute<?>[0]; // non-POSIX (Windows): temp files inherit the directory's ACL
    }

    Path target() {
        return targetSource.get();
    }

    private static final class Fixed implements Supplier<Path> {
        private final Path path;

        Fixed(Path path) {
            this.path = path;
        }

        @Override
        public Path get() {
            return path;
        }
    }
}
