package io.heapguard.it.agent.targetapp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Callable;

/**
 * A program with no heapguard dependency at all (it imports nothing from io.heapguard and runs from a
 * class path without heapguard-api): everything heapguard does to it comes from configured targets.
 * Driven through stdin; each command answers {@code RESULT <command>.<n> outcome=... bodyRan=...}.
 *
 * <p>Commands: {@code small}, {@code large} ({@link Buffers#allocate}); {@code throw} ({@link Buffers#fail},
 * whose body throws); {@code first}, {@code firstLarge}, {@code proxy} (a JDK dynamic proxy in front of
 * {@link FirstSearcher}), {@code late} (an implementation loaded only now, from a child class loader);
 * {@code b64}, {@code b64Large} ({@code java.util.Base64$Decoder#decode(String)}); {@code repeat},
 * {@code repeatLarge} ({@code String#repeat(int)}, a class loaded before any agent starts); {@code quit}.
 * For JDK methods "bodyRan" is not observable; the outcome is.
 */
public final class TargetApp {

    /** Over any sensible per-call limit. */
    static final long TOO_LARGE = 1L << 40;
    static final int LARGE_K = 1 << 20;

    /** By name: a class literal would load it into the application loader before the command asks for it. */
    static final String LATE_SEARCHER = "io.heapguard.it.agent.targetapp.LateSearcher";

    /** 400,000 chars of base64, built without String#repeat (targeted too). */
    private static final String LARGE_BASE64 = new String(new char[400_000]).replace('\0', 'Q');

    private static int bodyRuns;
    private static Searcher late;

    private TargetApp() {
    }

    /** Targeted by class and method. */
    public static final class Buffers {
        public long allocate(long bytes) {
            bodyRuns++;
            return bytes;
        }

        public long fail(long bytes) {
            bodyRuns++;
            throw new IllegalStateException("body failed after " + bytes);
        }
    }

    /** Targeted as a supertype: every implementation is guarded. */
    public interface Searcher {
        int search(String query, int k);
    }

    public static final class FirstSearcher implements Searcher {
        @Override
        public int search(String query, int k) {
            bodyRuns++;
            return k;
        }
    }

    public static void main(String[] args) throws Exception {
        Buffers buffers = new Buffers();
        Searcher first = new FirstSearcher();
        buffers.allocate(1); // loaded and used before anything else: attach must retransform it
        System.out.println("READY pid=" + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int sequence = 0;
        for (String command; (command = in.readLine()) != null; ) {
            sequence++;
            String scenario = command.strip() + "." + sequence;
            switch (command.strip()) {
                case "small" -> run(scenario, () -> buffers.allocate(1024));
                case "large" -> run(scenario, () -> buffers.allocate(TOO_LARGE));
                case "throw" -> run(scenario, () -> buffers.fail(1024));
                case "first" -> run(scenario, () -> first.search("q", 10));
                case "firstLarge" -> run(scenario, () -> first.search("q", LARGE_K));
                case "proxy" -> run(scenario, () -> proxyFor(first).search("q", 10));
                case "late" -> run(scenario, () -> lateSearcher().search("q", LARGE_K));
                case "lateSmall" -> run(scenario, () -> lateSearcher().search("q", 10));
                case "b64" -> run(scenario, () -> Base64.getDecoder().decode("aGVhcGd1YXJk").length);
                case "b64Large" -> run(scenario, () -> Base64.getDecoder().decode(LARGE_BASE64).length);
                case "repeat" -> run(scenario, () -> "ab".repeat(2).length());
                case "repeatLarge" -> run(scenario, () -> "ab".repeat(1 << 20).length());
                case "quit" -> {
                    System.out.println("BYE");
                    return;
                }
                default -> System.out.println("UNKNOWN " + command);
            }
        }
    }

    /** Runs one call and prints what happened: admitted, rejected (with the exception's class) or threw. */
    private static void run(String scenario, Callable<Object> call) {
        int before = bodyRuns;
        String outcome;
        String detail = "";
        try {
            call.call();
            outcome = "admitted";
        } catch (Exception e) {
            Throwable cause = e instanceof java.lang.reflect.UndeclaredThrowableException u ? u.getCause() : e;
            if (cause.getClass().getName().equals("io.heapguard.MemoryGuardException")) {
                outcome = "rejected";
                detail = " exception=" + cause.getClass().getName();
            } else {
                outcome = "threw";
                detail = " exception=" + cause.getClass().getName();
            }
        }
        boolean bodyRan = bodyRuns > before;
        String line = "RESULT " + scenario + " outcome=" + outcome + " bodyRan=" + bodyRan
                + " bodyRuns=" + (bodyRuns - before) + detail;
        System.out.println(line);
    }

    private static Searcher proxyFor(Searcher real) {
        return (Searcher) Proxy.newProxyInstance(TargetApp.class.getClassLoader(), new Class<?>[] {Searcher.class},
                (proxy, method, arguments) -> {
                    try {
                        return method.invoke(real, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** LateSearcher from a child class loader that defines it itself: loaded after start-up, by another loader. */
    private static synchronized Searcher lateSearcher() throws Exception {
        if (late == null) {
            ClassLoader child = new ChildFirstLoader(TargetApp.class.getClassLoader());
            late = (Searcher) child.loadClass(LATE_SEARCHER).getConstructor().newInstance();
        }
        return late;
    }

    /** Public: LateSearcher lives in another runtime package (its own loader). */
    public static void countBodyRun() {
        bodyRuns++;
    }
}
