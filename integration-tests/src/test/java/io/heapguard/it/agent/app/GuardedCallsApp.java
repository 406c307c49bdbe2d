package io.heapguard.it.agent.app;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.heapguard.MemoryGuard;

/**
 * One JVM, many scenarios: every method shape, every class-loader kind, every rejection reason,
 * release on exception and on async completion, fallback and wait. The test configures the agent
 * with {@link #AGENT_OPTIONS} and parses the RESULT lines.
 */
public final class GuardedCallsApp {

    /**
     * Budget 512 MiB (critical at 85% = 435 MiB), one call up to 480 MiB, the held operation 8 MiB
     * in flight: a 470 MiB call of priority -1 fits the budget but not the critical ceiling.
     */
    public static final String AGENT_OPTIONS = "maxHeap=512m,maxPerCall=480m,operations.held.maxInFlight=8m";
    public static final String HEAP = "1g";

    private static final long SMALL = 1024;
    private static final long TOO_LARGE = 1L << 40;
    private static final long STATE_TIMEOUT_MILLIS = 60_000;

    private GuardedCallsApp() {
    }

    public static void main(String[] args) throws Exception {
        Scenario.print("start", Scenario.totals());
        shapes();
        loaders();
        admission();
        releases();
        fallbacks();
        Scenario.run("recursive.nested", () -> new Behaviours().recurse(50));
        Scenario.print("end", Scenario.totals());
        System.out.println("DONE");
    }

    private static void shapes() {
        Shapes shapes = new Shapes();
        Scenario.run("static.small", () -> Shapes.staticMethod(SMALL));
        Scenario.run("static.large", () -> Shapes.staticMethod(TOO_LARGE));
        Scenario.run("instance.small", () -> shapes.instanceMethod(new long[0]));
        Scenario.run("instance.large", () -> shapes.instanceMethod(new long[1]));
        Scenario.run("default.small", () -> shapes.defaultMethod(SMALL));
        Scenario.run("default.large", () -> shapes.defaultMethod(TOO_LARGE));
        Scenario.run("generic.small", () -> shapes.genericMethod(List.<String>of()));
        Scenario.run("generic.large", () -> shapes.genericMethod(List.of("a")));
        Scenario.run("varargs.small", () -> shapes.varargsMethod());
        Scenario.run("varargs.large", () -> shapes.varargsMethod("a"));
        Scenario.run("private.small", () -> shapes.callPrivate(SMALL));
        Scenario.run("private.large", () -> shapes.callPrivate(TOO_LARGE));
    }

    private static void loaders() throws Exception {
        Scenario.print("loader.childUrl", IsolatedLoaders.runInChildUrlClassLoader().replace(' ', ';'));
        Scenario.print("loader.nestedJar", IsolatedLoaders.runInNestedJarLoader().replace(' ', ';'));
    }

    /** INSUFFICIENT_MEMORY and WAIT_TIMED_OUT against the held operation's 8 MiB budget, then a successful wait. */
    private static void admission() throws Exception {
        Behaviours behaviours = new Behaviours();
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> holder = pool.submit(() -> {
                behaviours.holdUntil(held, release);
                return null;
            });
            held.await(STATE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            Scenario.run("held.insufficient", behaviours::takeHeldNow);
            Scenario.run("held.waitTimesOut", behaviours::waitBriefly);

            Future<String> waiter = pool.submit(behaviours::waitLong);
            release.countDown();
            holder.get(STATE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            Scenario.run("held.waitAdmitted", () -> waiter.get(STATE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
            Scenario.run("shed.lowPriority", behaviours::lowPriority);
            Scenario.run("shed.highPriority", behaviours::highPriority);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void releases() throws Exception {
        Behaviours behaviours = new Behaviours();
        Scenario.run("throws.body", () -> {
            behaviours.fails();
            return null;
        });
        Scenario.print("throws.after", Scenario.totals());

        CompletableFuture<String> work = new CompletableFuture<>();
        Scenario.run("async.started", () -> behaviours.async(work));
        Scenario.print("async.pending", Scenario.totals());
        work.complete("done");
        awaitState(() -> MemoryGuard.stats().inFlight() == 0);
        Scenario.print("async.completed", Scenario.totals());
    }

    private static void fallbacks() {
        Behaviours behaviours = new Behaviours();
        Scenario.run("fallback.admitted", () -> behaviours.search("q", SMALL));
        Scenario.run("fallback.rejected", () -> behaviours.search("q", TOO_LARGE));
        Scenario.run("fallback.primitive", () -> Behaviours.count(7));
        Scenario.run("fallback.void", () -> {
            StringBuilder log = new StringBuilder();
            behaviours.index(log);
            return log;
        });
        Scenario.run("fallback.async", () -> behaviours.fetchAsync("k").get());
    }

    /** Polls a state with a deadline (never a fixed sleep): async completion callbacks run on other threads. */
    private static void awaitState(BooleanSupplier state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STATE_TIMEOUT_MILLIS);
        while (!state.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.sleep(1);
        }
    }
}
