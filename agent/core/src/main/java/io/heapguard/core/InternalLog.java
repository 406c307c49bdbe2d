package io.heapguard.core;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * heapguard's one logger for everything loaded by the agent's class loader (the guard core and the
 * agent's internals): one line per message on System.err, {@code [heapguard] ...}, no framework.
 * Problems that can repeat are printed once per site ({@link #warnOnce}).
 *
 * <p>Each guard has its own instance (its once-sites are its own); code outside a guard (the agent's
 * start-up and weaving) uses {@link #shared()}. Classes on the bootstrap path cannot see this one and
 * print through {@code io.heapguard.bootstrap.BootstrapLog} with the same {@link #PREFIX} (a test keeps
 * the two equal).
 */
public final class InternalLog {

    /** What every heapguard line on stderr starts with. */
    public static final String PREFIX = "[heapguard] ";
    /** Enough frames to find the failing line, short enough not to flood the host's log. */
    private static final int LOGGED_STACK_FRAMES = 8;
    private static final InternalLog SHARED = new InternalLog();

    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public InternalLog() {
    }

    /** The JVM-wide instance: its once-sites hold for the life of the JVM. */
    public static InternalLog shared() {
        return SHARED;
    }

    /** Something the operator should know that is not a problem (the agent is disabled, say). */
    public void info(String message) {
        print(message);
    }

    public void warn(String message) {
        print(message);
    }

    /** Logs only the first message for {@code site}; returns whether it was logged. */
    public boolean warnOnce(String site, String message) {
        if (seen.add(site)) {
            warn(message);
            return true;
        }
        return false;
    }

    /** {@link #warnOnce(String, String)} with the error and its first stack frames. */
    public void warnOnce(String site, String message, Throwable error) {
        if (warnOnce(site, message + ": " + error)) {
            StackTraceElement[] trace = error.getStackTrace();
            for (int i = 0; i < Math.min(trace.length, LOGGED_STACK_FRAMES); i++) {
                print("    at " + trace[i]);
            }
        }
    }

    private static void print(String line) {
        PrintStream err = System.err;
        err.println(PREFIX + line);
    }
}
