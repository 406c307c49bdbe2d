package io.heapguard.bootstrap;

/**
 * Thrown by the installer when {@code strict=true} and the configuration or an annotation found at
 * start-up is invalid: the launcher prints the message and exits the JVM instead of running unguarded.
 * On the bootstrap path so both sides of the class-loader split agree on the type.
 */
public final class StrictModeExit extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Exit status of a JVM stopped by strict mode. */
    public static final int EXIT_STATUS = 1;

    public StrictModeExit(String message) {
        super(message, null, false, false);
    }

    public int status() {
        return EXIT_STATUS;
    }
}
