package io.heapguard.it.agent.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import io.heapguard.MemoryAware;

/**
 * A long-running target driven through stdin, for runtime attach and the stats signal: each command
 * makes guarded calls and answers with a RESULT line. Commands: {@code small}, {@code large},
 * {@code stats}, {@code quit}.
 */
public final class CommandApp {

    /** Over any sensible per-call limit. */
    private static final long TOO_LARGE = 1L << 40;

    private CommandApp() {
    }

    @MemoryAware(operation = "command", estimate = "bytes")
    static long guarded(long bytes) {
        BodyRuns.hit();
        return bytes;
    }

    public static void main(String[] args) throws Exception {
        // loaded and run before any attach: the agent must retransform this class
        guarded(1);
        System.out.println("READY pid=" + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int sequence = 0;
        for (String command; (command = in.readLine()) != null; ) {
            sequence++;
            switch (command.strip()) {
                case "small" -> Scenario.run("small." + sequence, () -> guarded(1024));
                case "large" -> Scenario.run("large." + sequence, () -> guarded(TOO_LARGE));
                case "stats" -> Scenario.print("stats." + sequence, Scenario.totals());
                case "quit" -> {
                    System.out.println("BYE");
                    return;
                }
                default -> System.out.println("UNKNOWN " + command);
            }
        }
    }
}
