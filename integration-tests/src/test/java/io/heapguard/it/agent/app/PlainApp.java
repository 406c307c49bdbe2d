package io.heapguard.it.agent.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;

import javax.management.ObjectName;

/**
 * An application that knows nothing of heapguard (run it without heapguard-api on the class path):
 * it reports which heapguard threads run and whether the MXBean is registered, so a test can see
 * what the agent started on its own. Uses only JDK classes. Commands: {@code threads},
 * {@code mbean}, {@code quit}.
 */
public final class PlainApp {

    private PlainApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("READY pid=" + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int sequence = 0;
        for (String command; (command = in.readLine()) != null; ) {
            sequence++;
            switch (command.strip()) {
                case "threads" -> System.out.println("RESULT threads." + sequence + " names=" + heapguardThreads());
                case "mbean" -> System.out.println("RESULT mbean." + sequence + " registered="
                        + ManagementFactory.getPlatformMBeanServer().isRegistered(new ObjectName("io.heapguard:type=HeapGuard")));
                case "quit" -> {
                    System.out.println("BYE");
                    return;
                }
                default -> System.out.println("UNKNOWN " + command);
            }
        }
    }

    /** Names of the live heapguard threads, sorted and comma-separated; "none" when there are none. */
    private static String heapguardThreads() {
        TreeSet<String> names = new TreeSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("heapguard")) {
                names.add(thread.getName());
            }
        }
        return names.isEmpty() ? "none" : String.join(",", names);
    }
}
