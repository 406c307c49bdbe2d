package io.heapguard.it.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.heapguard.it.agent.app.LibraryClashApp;
import io.heapguard.it.support.ForkedJvm;
import io.heapguard.it.support.Jdk;

/**
 * The application ships other versions of the agent's libraries (Byte Buddy 1.14, Jackson 2.17,
 * OSHI 6.4, JNA 5.14): with the agent present it still gets and uses its own versions, and guarded
 * calls are still guarded. The class path is only the test classes plus those jars, so heapguard-api
 * itself comes from the agent's bootstrap copy.
 */
class LibraryClashIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void appWithOtherLibraryVersions_usesItsOwn_andIsGuarded(Jdk jdk) throws Exception {
        ForkedJvm.Result result = ForkedJvm.on(jdk)
                .withAgent("maxPerCall=64m")
                .heap("256m")
                .classPath(clashClassPath())
                .mainClass(LibraryClashApp.class.getName())
                .run("library-clash-" + jdk.name().toLowerCase(), RUN_TIMEOUT);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).as(result.describe()).contains("DONE");
        AppOutput output = AppOutput.parse(result.stdout());
        assertThat(output.result("bytebuddy"))
                .containsEntry("jar", "byte-buddy-1.14.18.jar").containsEntry("works", "generated-by-app-bytebuddy");
        assertThat(output.result("jackson"))
                .containsEntry("version", "2.17.2").containsEntry("jar", "jackson-databind-2.17.2.jar")
                .containsEntry("works", "{\"k\":1}");
        assertThat(output.result("oshi")).containsEntry("jar", "oshi-core-6.4.0.jar").containsEntry("works", "true");
        assertThat(output.result("jna")).containsEntry("jar", "jna-5.14.0.jar");
        assertThat(output.result("guarded.small")).containsEntry("outcome", "admitted");
        assertThat(output.result("guarded.large"))
                .containsEntry("outcome", "rejected").containsEntry("reason", "ALLOCATION_TOO_LARGE");
        assertThat(output.result("stats")).containsEntry("jsonStartsWith", "{").containsEntry("internalErrors", "0");
        assertThat(result.stderr()).doesNotContain("LinkageError").doesNotContain("cannot weave");
    }

    private static String clashClassPath() throws Exception {
        Path testClasses = Path.of(LibraryClashApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path libs = Path.of(System.getProperty("heapguard.it.clashLibs", "target/clash-libs"));
        List<String> jars;
        try (Stream<Path> files = Files.list(libs)) {
            jars = files.filter(file -> file.toString().endsWith(".jar")).map(Path::toString).sorted()
                    .collect(Collectors.toList());
        }
        assertThat(jars).as("jars copied by the clash-libs execution into " + libs).hasSizeGreaterThanOrEqualTo(7);
        return testClasses + File.pathSeparator + String.join(File.pathSeparator, jars);
    }
}
