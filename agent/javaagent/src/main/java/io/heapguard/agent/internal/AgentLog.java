package io.heapguard.agent.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's own messages: one line each on stderr, prefixed {@code heapguard:}. Problems that can
 * repeat (the same bad annotation in a class loaded by many loaders) are printed once per key.
 */
public final class AgentLog {

    private static final String PREFIX = "heapguard: ";
    private static final Set<String> REPORTED_ONCE = ConcurrentHashMap.newKeySet();

    private AgentLog() {
    }

    public static void info(String message) {
        System.err.println(PREFIX + message);
    }

    public static void warn(String message) {
        System.err.println(PREFIX + message);
    }

    /** Prints the message unless one with the same key was printed before; returns whether it printed. */
    public static boolean warnOnce(String key, String message) {
        if (REPORTED_ONCE.add(key)) {
            warn(message);
            return true;
        }
        return false;
    }
}
