package io.heapguard.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sun.misc.Signal;
import sun.misc.SignalHandler;

class SignalHangupTest {

    /** A deadline for the child, not a timing assertion: the child normally ends in about a second. */
    private static final long CHILD_DEADLINE_SECONDS = 120;
    private static final String IGNORED_WARNING = "statsSignal=HUP: SIGHUP is ignored by this process";

    @TempDir
    Path dir;

    @Test
    void hup_takenOver_dumpsWithoutShuttingTheJvmDown() throws Exception {
        Path statsFile = dir.resolve("stats.json");
        // a test run under nohup would hand the child SIGHUP ignored: reset it where env can
        List<String> prefix = envResetsSignals() ? List.of("env", "--default-signal=HUP") : List.of();

        Child child = runChild(prefix, statsFile);

        if (child.exitStatus() == HangupChild.EXIT_NOT_INSTALLED && child.output().contains(IGNORED_WARNING)) {
            abort("SIGHUP is ignored in this test's process tree (nohup?) and env cannot reset it: " + child.output());
        }
        assertThat(child.exitStatus()).as("child exit status (129 = shut down by SIGHUP); output: %s", child.output())
                .isZero();
        assertThat(statsFile).exists();
    }

    @Test
    void hup_ignoredByTheProcess_isReportedAndNotTakenAsInstalled() throws Exception {
        Path statsFile = dir.resolve("stats.json");
        // the shell ignores SIGHUP and execs the JVM, which inherits it ignored, as under nohup
        Child child = runChild(List.of("sh", "-c", "trap '' HUP; exec \"$@\"", "sh"), statsFile);

        assertThat(child.exitStatus()).as("child exit status (%d = the publisher says no handler is installed); output: %s",
                HangupChild.EXIT_NOT_INSTALLED, child.output()).isEqualTo(HangupChild.EXIT_NOT_INSTALLED);
        assertThat(child.output()).contains(IGNORED_WARNING).contains("Use statsSignal=USR1");
        assertThat(statsFile).doesNotExist();
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

    private record Child(int exitStatus, String output) {
    }

    private Child runChild(List<String> prefix, Path statsFile) throws IOException, InterruptedException {
        Path log = dir.resolve("child.log");
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HangupChild.class.getName(), statsFile.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = child.waitFor(CHILD_DEADLINE_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        assertThat(ended).as("child ended; output: %s", Files.readString(log)).isTrue();
        return new Child(child.exitValue(), Files.readString(log));
    }

    /** Whether this machine's env can reset a signal to its default (GNU coreutils 8.31 and later). */
    private static boolean envResetsSignals() throws InterruptedException {
        try {
            Process probe = new ProcessBuilder("env", "--default-signal=HUP", "true").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException noEnv) {
            return false;
        }
    }
}
