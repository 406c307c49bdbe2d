package io.heapguard.demo.cli;

import io.heapguard.demo.DemoMain;
import io.heapguard.demo.TestServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line: table output, and one-line errors with a non-zero exit for bad input. */
class CliTest {

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
