package io.heapguard.it.agent.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.heapguard.GuardStats;
import io.heapguard.MemoryGuard;

/**
 * Issue 10's fifth shape: 30 rounds of StackOverflowError through guarded recursion, on two threads
 * at once, then the totals. {@code MemoryGuard.stats()} is read on another thread with a deadline, so
 * a hang shows as {@code statsAnswered=false} instead of a stuck test. Then READY: the test sends
 * {@code kill -USR1} and checks the stats file; {@code quit} on stdin ends the program.
 */
public final class OverflowStormApp {

    public static final int ROUNDS = 30;
    private static final int THREADS = 2;
    /** A modest stack keeps each overflow quick; the guard must cope with any depth. */
    private static final long STACK_BYTES = 512 * 1024;
    private static final long STATS_DEADLINE_SECONDS = 30;

    private OverflowStormApp() {
    }

    public static void main(String[] args) throws Exception {
        AtomicInteger overflows = new AtomicInteger();
        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            threads[t] = new Thread(null, () -> {
                for (int round = 0; round < ROUNDS; round++) {
                    overflows.addAndGet(OverflowStorm.round());
                }
            }, "storm-" + t, STACK_BYTES);
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Scenario.print("storm", "overflows=" + overflows.get() + " expected=" + (THREADS * ROUNDS * 4));
        Scenario.print("storm.after", timedStats());
        // the guard still admits and releases normally afterwards
        Scenario.run("storm.normalCall", OverflowStorm::afterwards);
        System.out.println("READY pid=" + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.strip().equals("quit")) {
                break;
            }
        }
    }

    /** The totals, read on another thread with a deadline: {@code statsAnswered=false} if it hangs. */
    private static String timedStats() throws InterruptedException {
        CompletableFuture<GuardStats> read = CompletableFuture.supplyAsync(MemoryGuard::stats);
        try {
            GuardStats stats = read.get(STATS_DEADLINE_SECONDS, TimeUnit.SECONDS);
            return "statsAnswered=true inFlight=" + stats.inFlight() + " reservedBytes=" + stats.reservedBytes()
                    + " internalErrors=" + stats.internalErrors() + " leaks=" + stats.leaks()
                    + " admitted=" + stats.admitted();
        } catch (TimeoutException | ExecutionException e) {
            return "statsAnswered=false error=" + e.getClass().getName();
        }
    }
}
