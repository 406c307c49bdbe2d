package io.heapguard.core;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The guard's own tiny logger: {@code [heapguard] ...} lines on System.err, no framework. */
final class InternalLog {

    private static final String PREFIX = "[heapguard] ";
    /** Enough frames to find the failing line, short enough not to flood the host's log. */
    private static final int LOGGED_STACK_FRAMES = 8;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    void warn(String message) {
        PrintStream err = System.err;
        err.println(PREFIX + message);
    }

    /** Logs only the first message for {@code site}; returns whether it was logged. */
    boolean warnOnce(String site, String message) {
        if (seen.add(site)) {
            warn(message);
            return true;
        }
        return false;
    }

    void warnOnce(String site, String message, Throwable error) {
        if (warnOnce(site, message + ": " + error)) {
            StackTraceElement[] trace = error.getStackTrace();
            for (int i = 0; i < Math.min(trace.length, LOGGED_STACK_FRAMES); i++) {
                System.err.println(PREFIX + "    at " + trace[i]);
            }
        }
    }
}
