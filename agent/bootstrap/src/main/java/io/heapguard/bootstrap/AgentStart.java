package io.heapguard.bootstrap;

import java.lang.instrument.Instrumentation;

/**
 * Hands the installer from the agent's isolated class loader to {@code premain} without reflection:
 * initialising the installer class registers it here, and {@code premain} calls it through
 * {@link Installer}. On JDK 18 and later, reflection runs on method handles, and a first
 * {@code Method.invoke} costs about 20 ms of start-up generating them.
 *
 * <p>On the bootstrap class path, so both sides see this one class.
 */
public final class AgentStart {

    /** What {@code premain} and {@code agentmain} call inside the isolated class loader. */
    public interface Installer {
        void install(String agentArgs, Instrumentation instrumentation, boolean attached, ClassLoader agentLoader);
    }

    private static volatile Installer installer;

    private AgentStart() {
    }

    /** Called by the installer class's static initializer. */
    public static void register(Installer registered) {
        installer = registered;
    }

    /** The registered installer, or null when none registered (a damaged agent jar). */
    public static Installer registered() {
        return installer;
    }
}
