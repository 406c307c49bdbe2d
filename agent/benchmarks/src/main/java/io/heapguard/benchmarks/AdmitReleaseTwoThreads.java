package io.heapguard.benchmarks;

import org.openjdk.jmh.annotations.Threads;

/**
 * {@link AdmitRelease} on two threads at once (one per core here): the shared counters' cache
 * lines move between cores on every call, so this is the contended cost.
 */
@Threads(2)
public class AdmitReleaseTwoThreads extends AdmitRelease {
}
