package io.heapguard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The command line's answers to bad input (the attach itself is covered by RuntimeAttachIT). */
class AttachCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AttachCommand.run(args, () -> new File("heapguard-agent.jar"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void run_noArguments_usageOnStderrAndStatus2() {
        assertThat(run()).isEqualTo(AttachCommand.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar heapguard-agent.jar attach <pid>");
    }

    @Test
    void run_help_usageOnStdoutAndStatus0() {
        assertThat(run("--help")).isEqualTo(AttachCommand.EXIT_OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage:");
    }

    @Test
    void run_pidNotANumber_namesTheValue() {
        assertThat(run("attach", "12ab")).isEqualTo(AttachCommand.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("pid must be a process id").contains("'12ab'");
    }

    @Test
    void run_unknownCommand_namesItAndShowsUsage() {
        assertThat(run("detach", "1")).isEqualTo(AttachCommand.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command line 'detach 1'").contains("usage:");
    }
}
