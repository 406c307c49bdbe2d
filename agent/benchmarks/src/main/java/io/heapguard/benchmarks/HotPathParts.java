package io.heapguard.benchmarks;

import io.heapguard.core.HeapGuard;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The building blocks of an admitted call, one at a time, to tell what costs what in
 * {@link AdmitReleaseBatched}: an admitted acquire + release is a fixed number of atomic
 * read-modify-writes on counters, and the woven call adds two reads of the thread's allocation
 * counter and one histogram record. Same method as {@link AdmitReleaseBatched}: one thread,
 * {@value #CALLS} operations per timed invocation, reported per operation.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"})
@Threads(1)
@OperationsPerInvocation(HotPathParts.CALLS)
public class HotPathParts {

    static final int CALLS = 20;
    /** The ratio histogram's range and precision in {@code OperationHandle} (thousandths, 2 digits). */
    private static final long RATIO_MILLIS_MAX = 1_000_000_000L;
    private static final int RATIO_SIGNIFICANT_DIGITS = 2;
    private static final long RATIO_MILLIS_SAMPLE = 1_250;

    private final AtomicLong counter = new AtomicLong();
    private final LongAdder adder = new LongAdder();
    private final Recorder recorder = new Recorder(RATIO_MILLIS_MAX, RATIO_SIGNIFICANT_DIGITS);

    /** One uncontended lock-prefixed add (AtomicLong.incrementAndGet). */
    @Benchmark
    public long atomicIncrement() {
        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += counter.incrementAndGet();
        }
        return sum;
    }

    /** One uncontended LongAdder.increment (a CAS on its base). */
    @Benchmark
    public void longAdderIncrement() {
        for (int i = 0; i < CALLS; i++) {
            adder.increment();
        }
    }

    /** One read of the thread's allocated bytes (ThreadMXBean.getCurrentThreadAllocatedBytes). */
    @Benchmark
    public long threadAllocatedBytesRead() {
        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += HeapGuard.currentThreadAllocatedBytes();
        }
        return sum;
    }

    /** One HdrHistogram Recorder.recordValue, as OperationHandle records allocated/estimate. */
    @Benchmark
    public void hdrRecorderRecordValue() {
        for (int i = 0; i < CALLS; i++) {
            recorder.recordValue(RATIO_MILLIS_SAMPLE);
        }
    }
}
