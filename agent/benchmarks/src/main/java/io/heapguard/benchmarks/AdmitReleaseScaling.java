package io.heapguard.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How one admitted call's cost grows with the threads admitting at once (issue 14): the guard on one
 * shared operation, on one operation per thread, and on an operation with limits, beside the
 * AtomicLong and Resilience4j baselines at the same thread count. One thread count per run, set
 * with {@code -t N} (1, 2, 4, 8, 32), so every row of a run shares that run's load; read the
 * guard's rows as a ratio to the same run's baselines and to the one-thread run.
 *
 * <p>Average time only: a mean per call is what the scaling goal is stated in.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"})
public class AdmitReleaseScaling {

    @Benchmark
    public long baselineAtomicLong(Baselines baselines) {
        return AdmitRelease.atomicLongPair(baselines);
    }

    @Benchmark
    public boolean baselineBulkhead(Baselines baselines) {
        return AdmitRelease.bulkheadPair(baselines);
    }

    @Benchmark
    public long guardSameOp(GuardFixture fixture) {
        return AdmitRelease.admitRelease(fixture.guard, fixture.sharedOp);
    }

    @Benchmark
    public long guardDistinctOps(GuardFixture fixture, ThreadOperation thread) {
        return AdmitRelease.admitRelease(fixture.guard, thread.op);
    }

    @Benchmark
    public long guardOpLimits(GuardFixture fixture) {
        return AdmitRelease.admitRelease(fixture.guard, fixture.limitedOp);
    }
}
