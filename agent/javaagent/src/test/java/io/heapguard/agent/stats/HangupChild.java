package io.heapguard.agent.stats;

import java.nio.file.Files;
import java.nio.file.Path;

import io.heapguard.core.GuardConfig;
import io.heapguard.core.HeapGuard;
import sun.misc.Signal;

/**
 * Run in a child JVM by {@link SignalHangupTest}: takes SIGHUP over, raises it, and exits 0 once the
 * stats file is there. Were the JVM's own HUP handler still called, the JVM would exit with 129.
 */
public final class HangupChild {

    /** The publisher says no handler is in place (the JVM refused it, or the process ignores SIGHUP). */
    static final int EXIT_NOT_INSTALLED = 3;
    static final int WAIT_STEPS = 600;
    static final long WAIT_STEP_MILLIS = 50;

    private HangupChild() {
    }

    public static void main(String[] args) throws Exception {
        Path statsFile = Path.of(args[0]);
        try (HeapGuard guard = HeapGuard.start(GuardConfig.builder(1L << 30).build());
             StatsPublisher publisher = StatsPublisher.start(guard, statsFile, "HUP", false, System.err)) {
            if (!publisher.signalInstalled()) {
                System.exit(EXIT_NOT_INSTALLED);
            }
            Signal.raise(new Signal("HUP"));
            for (int step = 0; step < WAIT_STEPS && !Files.exists(statsFile); step++) {
                Thread.sleep(WAIT_STEP_MILLIS); // a child without test libraries: a bounded poll
            }
            if (!Files.exists(statsFile)) {
                // seen once in a full build (and not since): say where every thread was, for the next time
                Thread.getAllStackTraces().forEach((thread, stack) -> {
                    System.out.println("thread " + thread.getName() + " " + thread.getState());
                    for (StackTraceElement frame : stack) {
                        System.out.println("    at " + frame);
                    }
                });
                System.exit(4);
            }
            System.exit(0);
        }
    }
}
