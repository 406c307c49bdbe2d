package io.heapguard.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;


/**
 * Entry points of {@code heapguard-agent.jar}: {@code premain} ({@code -javaagent}), {@code agentmain}
 * (runtime attach) and {@code main} ({@code java -jar heapguard-agent.jar attach <pid>}).
 *
 * <p>Deliberately tiny and JDK-only: it puts the jar on the bootstrap class path (so the heapguard-api
 * classes and the dispatcher woven code calls exist once in the JVM), opens the isolated
 * {@link AgentClassLoader} over the jar's {@code inst/} entries and hands over to the installer
 * inside it. Nothing here may take the application down: every failure is reported on one line and
 * the application runs unguarded.
 */
public final class HeapGuardAgent {

    private static final String INSTALLER_CLASS = "io.heapguard.agent.internal.AgentInstaller";

    /** One agent per JVM: a second -javaagent or attach is refused, not stacked. */
    private static boolean started;

    private HeapGuardAgent() {
    }

    public static void premain(String agentArgs, Instrumentation inst) {
        start(agentArgs, inst, false);
    }

    public static void agentmain(String agentArgs, Instrumentation inst) {
        start(agentArgs, inst, true);
    }

    public static void main(String[] args) {
        System.exit(AttachCommand.run(args, AgentJarLocator::locate, System.out, System.err));
    }

    private static synchronized void start(String agentArgs, Instrumentation inst, boolean attached) {
        if (started) {
            BootstrapLog.error("agent already running in this JVM; ignoring the second start");
            return;
        }
        started = true;
        try {
            File jar = AgentJarLocator.locate();
            inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
            AgentClassLoader loader = new AgentClassLoader(jar, ClassLoader.getPlatformClassLoader());
            // initialising the installer registers it with AgentStart (no reflection: see AgentStart)
            Class.forName(INSTALLER_CLASS, true, loader);
            AgentStart.Installer installer = AgentStart.registered();
            if (installer == null) {
                throw new IllegalStateException(INSTALLER_CLASS + " did not register itself: the agent jar is damaged");
            }
            installer.install(agentArgs, inst, attached, loader);
        } catch (Throwable t) {
            failOpen(t);
        }
    }

    private static void failOpen(Throwable error) {
        if (error instanceof StrictModeExit exit) {
            // one line: what is wrong and what happens now
            BootstrapLog.error(exit.getMessage() + " -- strict=true, so the JVM exits (status " + exit.status() + ")");
            System.exit(exit.status());
        }
        BootstrapLog.error("agent failed to start, the application runs unguarded: " + error);
    }
}
