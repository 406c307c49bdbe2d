package io.heapguard.it.support;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * A JDK a forked JVM runs on. The agent must work on the build JDK (17) and on JDK 25; where JDK 25
 * is absent, tests that ask for it are aborted with the reason shown in the test report, never
 * silently passed.
 */
public enum Jdk {
    BUILD(Path.of(System.getProperty("java.home"))),
    JDK25(Path.of(System.getProperty("heapguard.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64")));

    private final Path home;

    Jdk(Path home) {
        this.home = home;
    }

    public Path home() {
        return home;
    }

    public Path javaExecutable() {
        return home.resolve("bin").resolve("java");
    }

    public boolean isPresent() {
        return Files.isExecutable(javaExecutable());
    }

    /** Aborts the calling test, with a visible reason, when this JDK is not installed. */
    public void assumePresent() {
        Assumptions.assumeTrue(isPresent(),
                () -> "SKIPPED: " + name() + " not found at " + javaExecutable()
                        + " (set -Dheapguard.jdk25.home to a JDK 25 to run these tests)");
    }
}
