package io.heapguard.demo.cli;

import io.heapguard.demo.DemoMain;
import io.heapguard.demo.TestServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line: table output, and one-line errors with a non-zero exit for bad input. */
class CliTest {

    /** A hang guard for the forked JVM, not a timing assertion. */
    private static final long FORKED_JVM_DEADLINE_MINUTES = 5;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void buildIndex() {
        TestServices.get();
    }

    private int run(String... args) {
        CommandLine commandLine = DemoMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static String[] search(String... args) {
        List<String> all = new ArrayList<>(List.of("search"));
        all.addAll(TestServices.cliIndexOptions());
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    @Test
    void search_brokenSyntax_exitsNonZeroWithOneLine() {
        int exit = run(search("--mode", "keyword", "tiger AND ("));

        assertThat(exit).isEqualTo(DemoMain.EXIT_BAD_INPUT);
        assertThat(err.toString().strip()).startsWith("error: q: cannot parse query").doesNotContain("\n");
    }

    @Test
    void search_unknownMode_exitsNonZeroNamingTheModes() {
        int exit = run(search("--mode", "semantic", "tiger"));

        assertThat(exit).isEqualTo(DemoMain.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("keyword, fuzzy, vector, exact, hybrid");
    }

    @Test
    void search_zeroK_exitsNonZero() {
        assertThat(run(search("--k", "0", "tiger"))).isEqualTo(DemoMain.EXIT_BAD_INPUT);
        assertThat(err.toString().strip()).isEqualTo("error: k: k must be >= 1, was 0");
    }

    @Test
    void search_inAFreshJvm_printsNoSlf4jWarnings(@TempDir Path dir) throws Exception {
        // SLF4J warns once per JVM, when a library first asks for a logger: only a fresh JVM shows it
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DemoMain.class.getName()));
        command.addAll(List.of(search("--mode", "vector", "--k", "1", "large striped feline")));
        Path log = dir.resolve("search.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = process.waitFor(FORKED_JVM_DEADLINE_MINUTES, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(exited).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("vector search for \"large striped feline\"").doesNotContain("SLF4J");
    }

    @Test
    void load_badMix_exitsNonZeroNamingTheKinds() {
        int exit = run("load", "--url", "http://127.0.0.1:1", "--mix", "keyword=1,teleport=2");

        assertThat(exit).isEqualTo(DemoMain.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("teleport").contains("allowed: keyword");
    }

    @Test
    void load_badDuration_exitsNonZero() {
        assertThat(run("load", "--url", "http://127.0.0.1:1", "--duration", "soon")).isEqualTo(DemoMain.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("--duration");
    }
}
