package io.heapguard.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.heapguard.MemoryGuardException;
import io.heapguard.MemoryGuardException.Reason;

/** Rejections re-thrown as an application's own, older copy of heapguard-api (after a runtime attach). */
class RejectionTranslatorTest {

    /** The shape of the first released MemoryGuardException: four reasons, the same constructor. */
    private static final String OLDER_COPY = """
            package io.heapguard;
            public class MemoryGuardException extends RuntimeException {
                public enum Reason { ALLOCATION_TOO_LARGE, INSUFFICIENT_MEMORY, MEMORY_PRESSURE_TOO_HIGH, WAIT_TIMED_OUT }
                private final Reason reason;
                public MemoryGuardException(Reason reason, String operation, long requestedBytes,
                                            long availableBytes, long limitBytes, String detail) {
                    super(reason + " " + operation + ": " + detail);
                    this.reason = reason;
                }
                public Reason reason() { return reason; }
            }
            """;

    @TempDir
    Path dir;

    private Class<?> olderCopy() throws Exception {
        Path source = dir.resolve("src/io/heapguard/MemoryGuardException.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, OLDER_COPY);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", classes.toString(), source.toString())).isZero();
        ClassLoader app = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        return Class.forName("io.heapguard.MemoryGuardException", false, app);
    }

    private static String foreignReason(RuntimeException translated) throws Exception {
        return String.valueOf(translated.getClass().getMethod("reason").invoke(translated));
    }

    private static MemoryGuardException rejection(Reason reason) {
        return new MemoryGuardException(reason, "export", 10, 0, 100, "operation 'export' is at maxConcurrent 2");
    }

    @Test
    void olderCopy_reasonsItKnows_keptByName() throws Exception {
        Class<?> older = olderCopy();
        RejectionTranslator translator = RejectionTranslator.toForeignCopy(older);

        for (Reason reason : List.of(Reason.ALLOCATION_TOO_LARGE, Reason.INSUFFICIENT_MEMORY,
                Reason.MEMORY_PRESSURE_TOO_HIGH, Reason.WAIT_TIMED_OUT)) {
            RuntimeException translated = translator.translate(rejection(reason));
            assertThat(translated).isInstanceOf(older);
            assertThat(foreignReason(translated)).isEqualTo(reason.name());
        }
    }

    @Test
    void olderCopy_reasonsAddedSince_thrownAsItsClassWithClosestReason() throws Exception {
        Class<?> older = olderCopy();
        RejectionTranslator translator = RejectionTranslator.toForeignCopy(older);

        for (Reason reason : List.of(Reason.CONCURRENCY_LIMIT, Reason.FAULT_INJECTED, Reason.GUARD_FAILURE)) {
            RuntimeException translated = translator.translate(rejection(reason));
            assertThat(translated).as("catchable by the application").isInstanceOf(older);
            assertThat(translated.getSuppressed()).isEmpty();
            assertThat(foreignReason(translated)).isEqualTo("INSUFFICIENT_MEMORY");
            assertThat(translated).hasMessageContaining("maxConcurrent 2");
        }
    }

    @Test
    void closestInOlderCopies_everyReasonHasOneOfTheFirstFour() {
        List<Reason> firstFour = List.of(Reason.ALLOCATION_TOO_LARGE, Reason.INSUFFICIENT_MEMORY,
                Reason.MEMORY_PRESSURE_TOO_HIGH, Reason.WAIT_TIMED_OUT);
        for (Reason reason : Reason.values()) {
            assertThat(RejectionTranslator.closestInOlderCopies(reason)).isIn(firstFour);
        }
    }
}
