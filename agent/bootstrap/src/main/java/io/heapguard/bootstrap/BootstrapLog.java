package io.heapguard.bootstrap;

/**
 * How the classes on the bootstrap path (premain, the attach command) print: one line on a stream,
 * with the same prefix as {@code io.heapguard.core.InternalLog}, which they cannot see (it lives in the
 * agent's class loader). {@code LogFormatTest} keeps the two prefixes equal.
 */
public final class BootstrapLog {

    /** Equal to {@code InternalLog.PREFIX}. */
    public static final String PREFIX = "[heapguard] ";

    private BootstrapLog() {
    }

    /** Prints {@code message} on standard error. */
    public static void error(String message) {
        System.err.println(PREFIX + message);
    }

    /** Prints {@code message} on {@code stream} (the attach command's output). */
    public static void line(java.io.PrintStream stream, String message) {
        stream.println(PREFIX + message);
    }
}
