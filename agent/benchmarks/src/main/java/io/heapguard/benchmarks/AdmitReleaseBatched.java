package io.heapguard.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One thread, {@value #CALLS} admitted calls per timed invocation, reported per call. A single call
 * costs about as much as the {@code System.nanoTime()} pair SampleTime wraps around it, so the
 * per-call samples of {@link AdmitRelease} mostly measure the clock; here its cost is spread over
 * {@value #CALLS} calls, and the SampleTime median is the median of {@value #CALLS}-call averages.
 *
 * <p>That median is also the figure least disturbed by a busy machine: a sample is about a
 * microsecond long, so the few that a descheduling or a GC lands in go to the tail, while the
 * AverageTime mean includes them.
 *
 * <p>Looping is safe here: each call is a pair of atomic read-modify-writes, which the JIT may
 * neither merge nor hoist out of the loop.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"})
@Threads(1)
@OperationsPerInvocation(AdmitReleaseBatched.CALLS)
public class AdmitReleaseBatched {

    /** Calls per timed invocation. */
    static final int CALLS = 20;

    @Benchmark
    public long baselineAtomicLong(Baselines baselines, CallerAllocation allocation) {
        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += AdmitRelease.atomicLongPair(baselines);
        }
        return sum;
    }

    @Benchmark
    public int baselineBulkhead(Baselines baselines, CallerAllocation allocation) {
        int permitted = 0;
        for (int i = 0; i < CALLS; i++) {
            permitted += AdmitRelease.bulkheadPair(baselines) ? 1 : 0;
        }
        return permitted;
    }

    @Benchmark
    public long guardSameOp(GuardFixture fixture, CallerAllocation allocation) {
        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += AdmitRelease.admitRelease(fixture.guard, fixture.sharedOp);
        }
        return sum;
    }

    @Benchmark
    public long guardOpLimits(GuardFixture fixture, CallerAllocation allocation) {
        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += AdmitRelease.admitRelease(fixture.guard, fixture.limitedOp);
        }
        return sum;
    }

    @Benchmark
    public long guardSameOpWithAllocationReads(GuardFixture fixture, CallerAllocation allocation) {
        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += AdmitRelease.admitReleaseWithAllocationReads(fixture.guard, fixture.sharedOp);
        }
        return sum;
    }
}
