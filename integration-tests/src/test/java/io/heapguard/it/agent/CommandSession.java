package io.heapguard.it.agent;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.heapguard.it.support.ForkedJvm;

/** Drives a running {@code CommandApp} through its stdin and waits for its RESULT lines. */
final class CommandSession implements AutoCloseable {

    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final ForkedJvm.Running running;
    private final OutputStream stdin;
    private int sequence;

    CommandSession(ForkedJvm.Running running) {
        this.running = running;
        this.stdin = running.process().getOutputStream();
    }

    ForkedJvm.Running running() {
        return running;
    }

    void awaitReady() {
        awaitOutput("READY pid=");
    }

    /** Sends one command and returns the fields of its RESULT line (commands are numbered from 1). */
    AppOutput send(String command) throws IOException {
        sequence++;
        stdin.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        String scenario = command + "." + sequence;
        awaitOutput("RESULT " + scenario + " ");
        return AppOutput.parse(running.stdout());
    }

    String scenarioOfLast(String command) {
        return command + "." + sequence;
    }

    void awaitOutput(String text) {
        await().atMost(ANSWER_TIMEOUT)
                .pollInterval(Duration.ofMillis(50))
                .alias("'" + text + "' in the target's stdout (stderr: " + running.stderr() + ")")
                .until(() -> running.stdout().contains(text));
    }

    void awaitOutputOnStderr(String text) {
        await().atMost(ANSWER_TIMEOUT)
                .pollInterval(Duration.ofMillis(50))
                .alias("'" + text + "' in the target's stderr (stdout: " + running.stdout() + ")")
                .until(() -> running.stderr().contains(text));
    }

    @Override
    public void close() throws Exception {
        try {
            stdin.write("quit\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException alreadyGone) {
            // the process ended on its own
        }
        running.close();
    }
}
