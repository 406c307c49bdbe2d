package io.heapguard.it.agent.app;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts executions of guarded method bodies, so a scenario can prove a rejected body never ran. */
public final class BodyRuns {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private BodyRuns() {
    }

    public static void hit() {
        RUNS.incrementAndGet();
    }

    public static int count() {
        return RUNS.get();
    }
}
