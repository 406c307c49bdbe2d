package io.heapguard.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sun.misc.Signal;
import sun.misc.SignalHandler;

class SignalHangupTest {

    /** A deadline for the child, not a timing assertion: the child normally ends in about a second. */
    private static final long CHILD_DEADLINE_SECONDS = 120;

    @TempDir
    Path dir;

    @Test
    void hup_takenOver_dumpsWithoutShuttingTheJvmDown() throws Exception {
        Path statsFile = dir.resolve("stats.json");
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HangupChild.class.getName(), statsFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        boolean ended = child.waitFor(CHILD_DEADLINE_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }

        assertThat(ended).as("child ended; output: %s", Files.readString(log)).isTrue();
        assertThat(child.exitValue()).as("child exit status (129 = shut down by SIGHUP); output: %s",
                Files.readString(log)).isZero();
        assertThat(statsFile).exists();
    }

    @Test
    void jdkHandlers_areNotChained_applicationHandlersAre() {
        Signal hup = new Signal("HUP");
        SignalHandler jdkShutdownHandler = Signal.handle(hup, SignalHandler.SIG_IGN);
        Signal.handle(hup, jdkShutdownHandler);
        SignalHandler application = signal -> { };

        assertThat(SignalTrigger.isApplicationHandler(jdkShutdownHandler)).isFalse();
        assertThat(SignalTrigger.isApplicationHandler(SignalHandler.SIG_DFL)).isFalse();
        assertThat(SignalTrigger.isApplicationHandler(SignalHandler.SIG_IGN)).isFalse();
        assertThat(SignalTrigger.isApplicationHandler(application)).isTrue();
    }
}
