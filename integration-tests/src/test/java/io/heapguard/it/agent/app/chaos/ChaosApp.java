package io.heapguard.it.agent.app.chaos;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.heapguard.GuardStats;
import io.heapguard.MemoryGuard;
import io.heapguard.MemoryGuardException;

/**
 * The chaos run (issue 15): {@code threads} workers each make {@code calls} guarded calls of random
 * kinds and fates (seeded), while an interrupter interrupts random workers and the guard core
 * injects faults (rejections and internal errors, {@code fault.*}). Pressure hooks throw or hang.
 * Then it reports the totals, waits for the never-completed futures to be reclaimed as leaks, checks
 * the guard still admits and rejects, and prints READY so the test can ask for the stats file.
 *
 * <p>Lines: {@code RESULT chaos.end ...}, {@code RESULT chaos.reclaimed ...},
 * {@code RESULT chaos.after ...}; args: seed threads calls.
 */
public final class ChaosApp {

    private static final long SMALL_BYTES = 64 * 1024;
    private static final long LARGE_BYTES = 4L << 20;
    /** Over maxPerCall: always rejected as too large (or sent to the fallback). */
    private static final long TOO_LARGE_BYTES = 1L << 30;
    private static final long MAX_HOLD_MILLIS = 20;
    private static final long MAX_COMPLETION_DELAY_MILLIS = 300;
    private static final long INTERRUPT_EVERY_MILLIS = 3;
    private static final long RECLAIM_DEADLINE_MILLIS = 90_000;
    private static final int HOOKED_CACHES = 3;
    private static final int AFTERWARDS_CALLS = 20;

    private final SplittableRandom seeds;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong secretsSeen = new AtomicLong();
    private final AtomicLong interrupts = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    private ChaosApp(long seed) {
        this.seeds = new SplittableRandom(seed);
    }

    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[0]);
        int threads = Integer.parseInt(args[1]);
        int callsPerThread = Integer.parseInt(args[2]);
        System.out.println("chaos seed=" + seed);
        new ChaosApp(seed).run(threads, callsPerThread);
    }

    private void run(int threadCount, int callsPerThread) throws Exception {
        List<ChaosCache> caches = new ArrayList<>();
        for (int i = 0; i < HOOKED_CACHES; i++) {
            caches.add(new ChaosCache(seeds.nextLong()));
        }
        ScheduledExecutorService completer = Executors.newScheduledThreadPool(2, daemon("chaos-completer"));
        ChaosCalls.completeOn(completer);

        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            SplittableRandom random = seeds.split();
            Thread worker = new Thread(() -> work(random, callsPerThread), "chaos-worker-" + t);
            workers.add(worker);
        }
        Thread interrupter = new Thread(() -> interrupt(workers, seeds.split()), "chaos-interrupter");
        interrupter.setDaemon(true);
        workers.forEach(Thread::start);
        interrupter.start();
        for (Thread worker : workers) {
            worker.join();
        }
        interrupter.interrupt();
        interrupter.join();
        completer.shutdown(); // scheduled late completions still run
        completer.awaitTermination(RECLAIM_DEADLINE_MILLIS, TimeUnit.MILLISECONDS);

        GuardStats end = MemoryGuard.stats();
        print("chaos.end", "calls=" + calls.get() + " never=" + ChaosCalls.NEVER_COMPLETED.size()
                + " interrupts=" + interrupts.get() + " failures=" + failures.get()
                + " fallbacksThatThrew=" + ChaosCalls.fallbacksThatThrew.get() + " hookRuns=" + ChaosCache.runs.get()
                + " secretsInMessages=" + secretsSeen.get() + " " + totals(end));

        GuardStats reclaimed = awaitReclaimed();
        print("chaos.reclaimed", totals(reclaimed));

        String afterwards = stillGuarding();
        print("chaos.after", afterwards + " " + totals(MemoryGuard.stats()));
        System.out.println("READY pid=" + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.strip().equals("quit")) {
                break;
            }
        }
        caches.clear();
    }

    private void work(SplittableRandom random, int callCount) {
        for (int i = 0; i < callCount; i++) {
            int fate = random.nextInt(1000);
            long bytes = bytes(random);
            calls.incrementAndGet();
            try {
                switch (random.nextInt(5)) {
                    case 0 -> ChaosCalls.mayThrow(bytes, fate);
                    case 1 -> ChaosCalls.waiting(bytes, random.nextLong(MAX_HOLD_MILLIS + 1));
                    case 2 -> {
                        // small: the never-completed ones stay reserved until leakAge, and must not starve the rest
                        CompletableFuture<String> future = ChaosCalls.async(Math.min(bytes, SMALL_BYTES), fate,
                                random.nextLong(MAX_COMPLETION_DELAY_MILLIS + 1));
                        future.whenComplete((value, error) -> { });
                    }
                    case 3 -> ChaosCalls.withFallback(bytes, fate);
                    default -> ChaosCalls.badEstimate(new ChaosQuery(ChaosCalls.SECRET + i));
                }
            } catch (MemoryGuardException rejected) {
                check(rejected);
            } catch (Throwable failed) {
                failures.incrementAndGet();
                check(failed);
            }
            if (Thread.interrupted()) {
                interrupts.incrementAndGet(); // landed outside a wait, or the body swallowed it
            }
        }
    }

    private void check(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof MemoryGuardException && String.valueOf(t.getMessage()).contains(ChaosCalls.SECRET)) {
                secretsSeen.incrementAndGet();
            }
        }
    }

    private static long bytes(SplittableRandom random) {
        int pick = random.nextInt(20);
        if (pick == 0) {
            return TOO_LARGE_BYTES;
        }
        return pick < 10 ? SMALL_BYTES : SMALL_BYTES + random.nextLong(LARGE_BYTES);
    }

    private void interrupt(List<Thread> workers, SplittableRandom random) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(INTERRUPT_EVERY_MILLIS);
                workers.get(random.nextInt(workers.size())).interrupt();
            }
        } catch (InterruptedException done) {
            // the workers finished
        }
    }

    /** Waits until the never-completed futures' reservations were expired as leaks and nothing is held. */
    private static GuardStats awaitReclaimed() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RECLAIM_DEADLINE_MILLIS);
        GuardStats stats = MemoryGuard.stats();
        while ((stats.inFlight() != 0 || stats.reservedBytes() != 0) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            stats = MemoryGuard.stats();
        }
        return stats;
    }

    /**
     * Ordinary calls are admitted and oversized ones rejected: the guard still works. Several of each,
     * because the injected faults still apply (a fault error fails open, a fault rejection rejects).
     */
    private static String stillGuarding() {
        int smallAdmitted = 0;
        int largeRejected = 0;
        for (int i = 0; i < AFTERWARDS_CALLS; i++) {
            try {
                if (ChaosCalls.mayThrow(SMALL_BYTES, 4) == SMALL_BYTES) {
                    smallAdmitted++;
                }
            } catch (Exception rejectedOrFailed) {
                // counted by what did not succeed
            }
            try {
                ChaosCalls.mayThrow(TOO_LARGE_BYTES, 4);
            } catch (MemoryGuardException e) {
                largeRejected++;
            } catch (Exception failed) {
                // neither
            }
        }
        return "afterCalls=" + AFTERWARDS_CALLS + " smallAdmitted=" + smallAdmitted + " tooLargeRejected=" + largeRejected;
    }

    private static String totals(GuardStats stats) {
        return "admitted=" + stats.admitted() + " rejected=" + stats.rejected() + " inFlight=" + stats.inFlight()
                + " reservedBytes=" + stats.reservedBytes() + " leaks=" + stats.leaks()
                + " internalErrors=" + stats.internalErrors();
    }

    private static void print(String name, String fields) {
        System.out.println("RESULT " + name + " " + fields);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
