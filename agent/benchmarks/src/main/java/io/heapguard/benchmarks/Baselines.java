package io.heapguard.benchmarks;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the guard is compared with, shared by all threads of a trial:
 * <ul>
 *   <li>one {@link AtomicLong} budget counter: add, compare with the limit, subtract; the least any
 *       lock-free admission with a shared counter can cost;</li>
 *   <li>a Resilience4j {@code SemaphoreBulkhead} (what {@link Bulkhead#of} builds) that never
 *       waits, the concurrency limiter users already know.</li>
 * </ul>
 * Like {@link GuardFixture}, the trial fails if any call was refused.
 */
@State(Scope.Benchmark)
public class Baselines {

    /** Budget of the AtomicLong baseline; never reached by {@link GuardFixture#CALL_BYTES} calls. */
    static final long BUDGET_BYTES = 1L << 40;
    /** Bulkhead size: far above the benchmark's thread count, so it never refuses. */
    static final int BULKHEAD_MAX_CONCURRENT_CALLS = 1_000;

    final AtomicLong reservedBytes = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    Bulkhead bulkhead;

    @Setup(Level.Trial)
    public void start() {
        bulkhead = Bulkhead.of("bench", BulkheadConfig.custom()
                .maxConcurrentCalls(BULKHEAD_MAX_CONCURRENT_CALLS)
                .maxWaitDuration(Duration.ZERO)
                .build());
    }

    @TearDown(Level.Trial)
    public void stop() {
        int available = bulkhead.getMetrics().getAvailableConcurrentCalls();
        if (refused.get() != 0 || reservedBytes.get() != 0 || available != BULKHEAD_MAX_CONCURRENT_CALLS) {
            throw new IllegalStateException("baseline invalid: refused=" + refused.get()
                    + " reservedBytes=" + reservedBytes.get() + " bulkheadAvailable=" + available);
        }
    }
}
