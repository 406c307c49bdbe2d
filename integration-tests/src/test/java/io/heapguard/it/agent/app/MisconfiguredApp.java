package io.heapguard.it.agent.app;

import io.heapguard.MemoryAware;

/**
 * One valid and one malformed {@code @MemoryAware}: the agent must report the malformed one (class,
 * method, position, parameters) and keep guarding the valid one; the application keeps running.
 */
public final class MisconfiguredApp {

    private static final long TOO_LARGE = 1L << 40;

    private MisconfiguredApp() {
    }

    @MemoryAware(operation = "valid", estimate = "bytes")
    static long valid(long bytes) {
        BodyRuns.hit();
        return bytes;
    }

    @MemoryAware(operation = "malformed", estimate = "len(vector) * * 4")
    static int malformed(float[] vector, int topK) {
        BodyRuns.hit();
        return topK;
    }

    public static void main(String[] args) {
        Scenario.run("valid.small", () -> valid(1024));
        Scenario.run("valid.large", () -> valid(TOO_LARGE));
        Scenario.run("malformed.call", () -> malformed(new float[4], 3));
        Scenario.print("end", Scenario.totals());
        System.out.println("DONE");
    }
}
