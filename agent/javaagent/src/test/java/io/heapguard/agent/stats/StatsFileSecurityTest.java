package io.heapguard.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stats file lives in a shared directory ({@code java.io.tmpdir}) by default, where another user
 * can plant a symbolic link at its name to make the JVM's owner overwrite or expose a file of theirs.
 * These tests plant such links and check nothing is written through them: the document goes to a
 * fresh owner-only temporary file (created exclusively, so never through a link) that is then renamed
 * over the target (which replaces a link instead of following it).
 */
class StatsFileSecurityTest {

    private static final byte[] DOCUMENT = "{\"schema\":1}".getBytes(StandardCharsets.UTF_8);
    private static final String VICTIM_CONTENT = "victim's own data\n";

    @TempDir
    Path dir;

    private Path victim() throws IOException {
        Path victim = dir.resolve("victim.txt");
        Files.writeString(victim, VICTIM_CONTENT);
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-r--r--"));
        return victim;
    }

    private StatsFileWriter writer(Path target) {
        return new StatsFileWriter(target, new PrintStream(PrintStream.nullOutputStream()));
    }

    @Test
    void write_symlinkPlantedAtTarget_replacesTheLinkAndLeavesItsTargetAlone() throws Exception {
        Path victim = victim();
        Path target = dir.resolve("heapguard-1.json");
        Files.createSymbolicLink(target, victim);

        writer(target).write(DOCUMENT);

        assertThat(Files.readString(victim)).isEqualTo(VICTIM_CONTENT);
        assertThat(Files.getPosixFilePermissions(victim)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Files.isSymbolicLink(target)).isFalse();
        assertThat(Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.readAllBytes(target)).isEqualTo(DOCUMENT);
        assertThat(Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void write_symlinksPlantedAtGuessableTemporaryNames_noneIsWrittenThrough() throws Exception {
        Path victim = victim();
        Path target = dir.resolve("stats.json");
        // the names a writer with a fixed temporary name would use: each must be left alone
        for (String name : List.of("stats.json.tmp", ".stats.json.tmp", "stats.json~", ".stats.json", "stats.tmp")) {
            Files.createSymbolicLink(dir.resolve(name), victim);
        }

        for (int i = 0; i < 20; i++) {
            writer(target).write(DOCUMENT);
        }

        assertThat(Files.readString(victim)).isEqualTo(VICTIM_CONTENT);
        assertThat(Files.readAllBytes(target)).isEqualTo(DOCUMENT);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .as("no temporary file left behind")
                    .filteredOn(name -> name.startsWith(".stats.json.") && name.endsWith(".tmp"))
                    .containsExactly(".stats.json.tmp"); // the planted link, nothing else
        }
    }

    @Test
    void write_targetIsADanglingSymlink_doesNotCreateTheFileItPointsTo() throws Exception {
        Path wouldBeCreated = dir.resolve("created-through-link");
        Path target = dir.resolve("stats.json");
        Files.createSymbolicLink(target, wouldBeCreated);

        writer(target).write(DOCUMENT);

        assertThat(wouldBeCreated).doesNotExist();
        assertThat(Files.isSymbolicLink(target)).isFalse();
        assertThat(Files.readAllBytes(target)).isEqualTo(DOCUMENT);
    }

    @Test
    void write_temporaryFileIsOwnerOnlyFromTheStart() throws Exception {
        Path target = dir.resolve("stats.json");
        // a document large enough that a concurrent lister could catch the temporary file mid-write
        byte[] large = ("{\"pad\":\"" + "x".repeat(1 << 22) + "\"}").getBytes(StandardCharsets.UTF_8);
        Thread writerThread = new Thread(() -> {
            try {
                for (int i = 0; i < 10; i++) {
                    writer(target).write(large);
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        writerThread.start();
        while (writerThread.isAlive()) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    try {
                        assertThat(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS))
                                .as(file.toString()).isEqualTo(PosixFilePermissions.fromString("rw-------"));
                    } catch (java.nio.file.NoSuchFileException renamedMeanwhile) {
                        // the temporary file was renamed between the listing and the check
                    }
                }
            }
        }
        writerThread.join();
    }
}
