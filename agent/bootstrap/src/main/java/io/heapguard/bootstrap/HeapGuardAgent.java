package io.heapguard.bootstrap;

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
 *
 * <p>The jar is opened once ({@link AgentJarLocator#open()}); that {@link JarFile} names the jar for the
 * bootstrap class path and is then read by the agent's class loader. When the boot loader defined this
 * class, the jar is on the bootstrap class path already ({@code -Xbootclasspath/a:heapguard-agent.jar}):
 * appending it again would only make the JVM open it a second time, behind the first copy.
 */
public final class HeapGuardAgent {

    private static final String INSTALLER_CLASS = "io.heapguard.agent.internal.AgentInstaller";
    /** A heapguard-api class premain's installer uses at once, so looking it up loads nothing extra. */
    private static final String API_CLASS = "io.heapguard.spi.GuardBackends";

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
            JarFile jar = AgentJarLocator.open();
            if (!onBootClassPath()) {
                inst.appendToBootstrapClassLoaderSearch(jar);
            }
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

    /**
     * Whether the boot loader sees the classes the append is for: it defined this class (so the
     * dispatcher next to it) and finds the heapguard-api. Both, because a plain bootstrap jar on
     * {@code -Xbootclasspath/a} may come without the api.
     */
    static boolean onBootClassPath() {
        if (HeapGuardAgent.class.getClassLoader() != null) {
            return false;
        }
        try {
            // the installer loads it next anyway; not initialised here
            Class.forName(API_CLASS, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
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
