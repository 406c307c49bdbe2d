package io.heapguard.benchmarks;

import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Bytes allocated by the benchmark thread itself during each iteration (warm-up and warm-down calls
 * of that iteration included), reported by JMH as the secondary result {@code callerAllocatedBytes},
 * summed over the measured iterations.
 *
 * <p>{@code -prof gc} divides the allocation of <em>every</em> thread in the JVM by the
 * operations, so the guard's own background threads (its sampler reads memory figures on a
 * schedule) show up there as a fraction of a byte per call. This counter holds only the calling
 * thread's bytes: millions of admitted calls per iteration and a value of 0 mean the calls
 * themselves allocate nothing.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CallerAllocation {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private long startBytes;

    /** Read by JMH after the iteration; public fields are what {@link AuxCounters} reports. */
    public long callerAllocatedBytes;

    @Setup(Level.Iteration)
    public void start() {
        startBytes = THREADS.getCurrentThreadAllocatedBytes();
    }

    @TearDown(Level.Iteration)
    public void stop() {
        callerAllocatedBytes = THREADS.getCurrentThreadAllocatedBytes() - startBytes;
    }
}
