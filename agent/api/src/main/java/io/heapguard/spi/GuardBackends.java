package io.heapguard.spi;

import java.util.Objects;

/**
 * Holds the installed {@link GuardBackend}. The agent puts this class on the bootstrap class path so
 * every class loader in the JVM sees the same holder.
 */
public final class GuardBackends {

    private static volatile GuardBackend current = GuardBackend.NO_OP;

    private GuardBackends() {
    }

    public static GuardBackend current() {
        return current;
    }

    /** Installs the backend; the agent calls this once at start-up. */
    public static void install(GuardBackend backend) {
        current = Objects.requireNonNull(backend, "backend");
    }

    /** Back to the no-op backend (tests, agent shutdown). */
    public static void uninstall() {
        current = GuardBackend.NO_OP;
    }
}
