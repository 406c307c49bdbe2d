package io.heapguard.bootstrap;

import java.io.File;
import java.io.PrintStream;
import java.util.function.Supplier;

import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.VirtualMachine;

/**
 * {@code java -jar heapguard-agent.jar attach <pid> [k=v,k=v]}: loads the agent into a running JVM
 * through the JDK attach API (module {@code jdk.attach}; run it with a JDK, not a JRE, as the same
 * user as the target JVM). The target then retransforms its already-loaded {@code @MemoryAware} classes.
 */
final class AttachCommand {

    static final int EXIT_OK = 0;
    static final int EXIT_USAGE = 2;
    static final int EXIT_ATTACH_FAILED = 1;

    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar heapguard-agent.jar attach <pid> [options]",
            "  <pid>     process id of a running JVM (same user; see `jcmd -l`)",
            "  options   agent options as for -javaagent, e.g. maxHeap=80%,mode=monitor");

    private AttachCommand() {
    }

    static int run(String[] args, Supplier<File> agentJar, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? EXIT_USAGE : EXIT_OK;
        }
        if (!args[0].equals("attach") || args.length < 2 || args.length > 3) {
            BootstrapLog.line(err, "unknown command line '" + String.join(" ", args) + "'");
            err.println(USAGE);
            return EXIT_USAGE;
        }
        String pid = args[1];
        if (!pid.chars().allMatch(Character::isDigit) || pid.isEmpty()) {
            BootstrapLog.line(err, "pid must be a process id (digits only), was '" + pid + "'");
            return EXIT_USAGE;
        }
        String options = args.length == 3 ? args[2] : null;
        try {
            VirtualMachine vm = VirtualMachine.attach(pid);
            try {
                vm.loadAgent(agentJar.get().getAbsolutePath(), options);
            } finally {
                vm.detach();
            }
            BootstrapLog.line(out, "agent loaded into JVM " + pid);
            return EXIT_OK;
        } catch (AgentInitializationException | AgentLoadException e) {
            BootstrapLog.line(err, "JVM " + pid + " refused the agent: " + e.getMessage());
            return EXIT_ATTACH_FAILED;
        } catch (Exception e) {
            BootstrapLog.line(err, "cannot attach to JVM " + pid + ": " + e
                    + " (is it running, a HotSpot JVM, and owned by this user?)");
            return EXIT_ATTACH_FAILED;
        }
    }
}
