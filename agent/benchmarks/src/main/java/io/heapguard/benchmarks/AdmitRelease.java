package io.heapguard.benchmarks;

import io.heapguard.MemoryGuard;
import io.heapguard.Reservation;
import io.heapguard.core.CallSlot;
import io.heapguard.core.HeapGuard;
import io.heapguard.core.OperationHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One admitted call through the guard (admit, then release) and the baselines it is compared with.
 * Concrete subclasses fix the thread count: {@link AdmitReleaseOneThread}, {@link AdmitReleaseTwoThreads}.
 *
 * <p>Each benchmark method is one call: AverageTime gives its mean cost, SampleTime its latency
 * distribution (median, p99). SampleTime times single calls with {@code System.nanoTime()}, whose own
 * cost and granularity are in every sample: read its percentiles against the {@code baseline*}
 * rows of the same run, and see {@link AdmitReleaseBatched} for a median with that cost amortised.
 *
 * <p>Every method takes a {@link CallerAllocation}, unused by its body: it makes JMH report the
 * calling thread's own allocation beside {@code -prof gc}'s JVM-wide figure.
 *
 * <p>Defaults (iterations, forks, heap) are the ones docs/benchmarks.md reports; override them
 * on the command line ({@code -f -wi -i -r -w}) rather than here.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"})
public abstract class AdmitRelease {

    /** AtomicLong add, compare with the budget, subtract. */
    @Benchmark
    public long baselineAtomicLong(Baselines baselines, CallerAllocation allocation) {
        return atomicLongPair(baselines);
    }

    /** Resilience4j SemaphoreBulkhead: tryAcquirePermission, then onComplete. */
    @Benchmark
    public boolean baselineBulkhead(Baselines baselines, CallerAllocation allocation) {
        return bulkheadPair(baselines);
    }

    /** The woven call's admission and release; every thread uses the same operation. */
    @Benchmark
    public long guardSameOp(GuardFixture fixture, CallerAllocation allocation) {
        return admitRelease(fixture.guard, fixture.sharedOp);
    }

    /** As {@link #guardSameOp}, but each thread has an operation of its own. */
    @Benchmark
    public long guardDistinctOps(GuardFixture fixture, ThreadOperation thread, CallerAllocation allocation) {
        return admitRelease(fixture.guard, thread.op);
    }

    /** As {@link #guardSameOp}, on an operation with maxPerCall, maxInFlight and maxConcurrent set. */
    @Benchmark
    public long guardOpLimits(GuardFixture fixture, CallerAllocation allocation) {
        return admitRelease(fixture.guard, fixture.limitedOp);
    }

    /**
     * What a woven call costs in full: admission and release plus the two reads of the thread's
     * allocated bytes that report each call's real allocation beside its estimate.
     */
    @Benchmark
    public long guardSameOpWithAllocationReads(GuardFixture fixture, CallerAllocation allocation) {
        return admitReleaseWithAllocationReads(fixture.guard, fixture.sharedOp);
    }

    /**
     * The programmatic, leak-tracked path: {@code MemoryGuard.reserve(name, bytes).close()}
     * (resolves the operation by name and creates a Reservation, so it is expected to allocate).
     */
    @Benchmark
    public long guardReserveClose(GuardFixture fixture, CallerAllocation allocation) {
        try (Reservation reservation = MemoryGuard.reserve(GuardFixture.TRACKED_OP, GuardFixture.CALL_BYTES)) {
            return reservation.bytes();
        }
    }

    static long atomicLongPair(Baselines baselines) {
        long after = baselines.reservedBytes.addAndGet(GuardFixture.CALL_BYTES);
        if (after > Baselines.BUDGET_BYTES) {
            baselines.refused.incrementAndGet();
        }
        return baselines.reservedBytes.addAndGet(-GuardFixture.CALL_BYTES);
    }

    static boolean bulkheadPair(Baselines baselines) {
        boolean permitted = baselines.bulkhead.tryAcquirePermission();
        if (permitted) {
            baselines.bulkhead.onComplete();
        } else {
            baselines.refused.incrementAndGet();
        }
        return permitted;
    }

    static long admitRelease(HeapGuard guard, OperationHandle op) {
        long reserved = guard.acquire(op, GuardFixture.CALL_BYTES, 0, 0L);
        guard.release(op, reserved, -1L);
        return reserved;
    }

    /**
     * Admission and release through a {@link CallSlot}, as the woven code calls the guard (the path
     * that may use per-thread credit); the slot belongs to the calling thread.
     */
    static long admitReleaseWithSlot(HeapGuard guard, OperationHandle op, CallSlot slot) {
        guard.acquire(op, GuardFixture.CALL_BYTES, 0, 0L, slot);
        long reserved = slot.reservedBytes();
        guard.release(slot, -1L);
        return reserved;
    }

    /** As the woven code does it: the thread's allocation counter read before and after the call. */
    static long admitReleaseWithAllocationReads(HeapGuard guard, OperationHandle op) {
        long before = HeapGuard.currentThreadAllocatedBytes();
        long reserved = guard.acquire(op, GuardFixture.CALL_BYTES, 0, 0L);
        long after = HeapGuard.currentThreadAllocatedBytes();
        guard.release(op, reserved, before < 0 || after < 0 ? -1L : after - before);
        return reserved;
    }
}
