package io.heapguard.benchmarks;

import io.heapguard.core.CallSlot;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link AdmitReleaseScaling}'s calls timed by the calling threads' CPU time instead of the clock:
 * on a machine whose cores other tenants share, and with more threads than cores, a thread's wall
 * time per call includes the time it waited for a core, its CPU time does not, while contention
 * (a cache line moving between cores, a compare-and-set retried) is spent on the CPU and stays in.
 * Not a JMH benchmark (no blackhole, no forks): read it beside the JMH rows, as a ratio between its
 * own rows of one run.
 *
 * <p>{@code java -cp benchmarks.jar io.heapguard.benchmarks.ScalingCpuTime [seconds] [threads...]}: rows in
 * the order given; the warm-up runs on two threads, or on one when a row asks for one thread (so
 * {@code 1 1 2 8 32} times one thread before threads ever collided on the guard, and {@code 1 2 1}
 * after they did).
 */
public final class ScalingCpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static volatile long sink;

    private interface Call {
        long run(int thread);
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        int[] counts = args.length > 1 ? java.util.Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 2, 4, 8, 32};
        int maxThreads = java.util.Arrays.stream(counts).max().orElse(1);
        // two threads, unless a row asks for one: then one, so that row runs before any two threads
        // have ever collided on the guard (credit and stripes go on only then, and stay on)
        int warmUpThreads = Math.min(2, java.util.Arrays.stream(counts).min().orElse(2));
        GuardFixture fixture = new GuardFixture();
        fixture.start();
        Baselines baselines = new Baselines();
        baselines.start();
        ThreadOperation[] distinct = new ThreadOperation[maxThreads];
        for (int i = 0; i < maxThreads; i++) {
            distinct[i] = new ThreadOperation();
            distinct[i].resolve(fixture, i);
        }
        // one slot per thread index, made by the first thread that uses it (as the woven code keeps one
        // per thread): slots of different threads never share a cache line
        CallSlot[] slots = new CallSlot[maxThreads];
        List<String> names = List.of("baselineAtomicLong", "baselineBulkhead", "guardSameOp", "guardDistinctOps",
                "guardOpLimits", "guardSameOpSlot");
        List<Call> calls = List.of(
                t -> AdmitRelease.atomicLongPair(baselines),
                t -> AdmitRelease.bulkheadPair(baselines) ? 1 : 0,
                t -> AdmitRelease.admitRelease(fixture.guard, fixture.sharedOp),
                t -> AdmitRelease.admitRelease(fixture.guard, distinct[t].op),
                t -> AdmitRelease.admitRelease(fixture.guard, fixture.limitedOp),
                t -> AdmitRelease.admitReleaseWithSlot(fixture.guard, fixture.sharedOp, slotOf(slots, t)));
        for (int v = 0; v < calls.size(); v++) {
            run(calls.get(v), warmUpThreads, seconds); // warm-up: compiled before any row is timed
        }
        System.out.println("threads benchmark cpuNsPerCall wallNsPerCallPerThread calls");
        for (int n : counts) {
            for (int v = 0; v < calls.size(); v++) {
                double[] r = run(calls.get(v), n, seconds);
                System.out.printf("%d %s %.1f %.1f %.0f%n", n, names.get(v), r[0], r[1], r[2]);
            }
        }
        baselines.stop();
        fixture.stop();
        System.out.println("sink " + sink);
    }

    private static CallSlot slotOf(CallSlot[] slots, int thread) {
        CallSlot slot = slots[thread];
        if (slot == null) {
            slot = new CallSlot();
            slots[thread] = slot;
        }
        return slot;
    }

    /** @return CPU ns per call over all threads, wall ns per call per thread, calls */
    private static double[] run(Call call, int threads, double seconds) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder cpu = new LongAdder();
        LongAdder done = new LongAdder();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            int index = i;
            workers[i] = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long cpuBefore = THREADS.getCurrentThreadCpuTime();
                long n = 0;
                long acc = 0;
                while (!stop.get()) {
                    acc += call.run(index);
                    n++;
                }
                cpu.add(THREADS.getCurrentThreadCpuTime() - cpuBefore);
                done.add(n);
                sink += acc;
            });
            workers[i].start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        long wall = System.nanoTime() - start;
        double n = done.sum();
        return new double[] {cpu.sum() / n, wall * (double) threads / n, n};
    }
}
