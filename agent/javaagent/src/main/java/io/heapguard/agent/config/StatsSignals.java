package io.heapguard.agent.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which POSIX signal may trigger a stats dump. Only signals the JVM leaves free are allowed; the
 * ones HotSpot or the JDK rely on are refused with the reason.
 */
final class StatsSignals {

    static final String DEFAULT = "USR1";
    /** Disables the signal handler (the stats file is still written by JMX {@code dumpStats}). */
    static final String NONE = "none";

    /**
     * Signals a {@code sun.misc.Signal} handler may take over. HUP normally makes the JVM run its
     * shutdown hooks and exit; taking it over means a hangup no longer stops the process.
     */
    static final List<String> ALLOWED = List.of("USR1", "HUP", "WINCH");

    private static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("USR2", "HotSpot uses SIGUSR2 to suspend and resume threads (JFR sampling stops if it is taken)"),
            Map.entry("QUIT", "the JVM prints a thread dump on SIGQUIT (kill -3, jstack)"),
            Map.entry("INT", "the JVM runs its shutdown hooks and exits on SIGINT"),
            Map.entry("TERM", "the JVM runs its shutdown hooks and exits on SIGTERM"),
            Map.entry("KILL", "SIGKILL cannot be caught"),
            Map.entry("STOP", "SIGSTOP cannot be caught"),
            Map.entry("SEGV", "the JVM handles SIGSEGV itself"),
            Map.entry("BUS", "the JVM handles SIGBUS itself"),
            Map.entry("FPE", "the JVM handles SIGFPE itself"),
            Map.entry("ILL", "the JVM handles SIGILL itself"),
            Map.entry("TRAP", "the JVM handles SIGTRAP itself"));

    private StatsSignals() {
    }

    /**
     * The signal name without {@code SIG}, upper-case ({@code USR1}), or null for {@code none}.
     *
     * @throws SourcedConfigException naming the value, why it is refused, and what is allowed
     */
    static String parse(Setting setting) {
        String text = setting.value().strip().toUpperCase(Locale.ROOT);
        if (text.equalsIgnoreCase(NONE)) {
            return null;
        }
        String name = text.startsWith("SIG") ? text.substring(3) : text;
        if (ALLOWED.contains(name)) {
            return name;
        }
        String allowed = "expected one of " + String.join(", ", ALLOWED) + " or none";
        String reason = REFUSED.get(name);
        throw SourcedConfigException.invalidValue(setting.key(), setting.value(),
                reason == null ? allowed : reason + "; " + allowed, setting.origin());
    }
}
