package io.heapguard.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Threads;

/** {@link AdmitRelease} on one thread: the uncontended cost. */
@Threads(1)
public class AdmitReleaseOneThread extends AdmitRelease {

    /**
     * Nothing at all: the floor of the harness. In SampleTime this is the cost and granularity of
     * the {@code System.nanoTime()} pair around each sampled call (about 30 ns with kvm-clock here),
     * which every per-call SampleTime percentile of this class includes.
     */
    @Benchmark
    public void baselineEmpty(CallerAllocation allocation) {
        // intentionally empty
    }
}
