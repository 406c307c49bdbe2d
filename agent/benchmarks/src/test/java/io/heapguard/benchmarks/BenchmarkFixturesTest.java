package io.heapguard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapguard.GuardStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark body once, outside JMH (the build never runs the benchmarks themselves), and
 * checks that it takes the path it claims to measure: admitted, released, no internal error.
 */
class BenchmarkFixturesTest {

    private final GuardFixture fixture = new GuardFixture();
    private final Baselines baselines = new Baselines();
    private final ThreadOperation thread = new ThreadOperation();
    private final AdmitRelease benchmark = new AdmitReleaseOneThread();
    private final AdmitReleaseBatched batched = new AdmitReleaseBatched();
    private final CallerAllocation allocation = new CallerAllocation();

    @BeforeEach
    void start() {
        fixture.start();
        baselines.start();
        thread.resolve(fixture, 0);
    }

    @AfterEach
    void stop() {
        baselines.stop();
    }

    @Test
    void everyBenchmark_isAdmittedAndReleased() {
        assertThat(benchmark.guardSameOp(fixture, allocation)).isEqualTo(GuardFixture.CALL_BYTES);
        assertThat(benchmark.guardDistinctOps(fixture, thread, allocation)).isEqualTo(GuardFixture.CALL_BYTES);
        assertThat(benchmark.guardOpLimits(fixture, allocation)).isEqualTo(GuardFixture.CALL_BYTES);
        assertThat(benchmark.guardSameOpWithAllocationReads(fixture, allocation)).isEqualTo(GuardFixture.CALL_BYTES);
        assertThat(benchmark.guardReserveClose(fixture, allocation)).isEqualTo(GuardFixture.CALL_BYTES);
        long batchBytes = AdmitReleaseBatched.CALLS * GuardFixture.CALL_BYTES;
        assertThat(batched.guardSameOp(fixture, allocation)).isEqualTo(batchBytes);
        assertThat(batched.guardOpLimits(fixture, allocation)).isEqualTo(batchBytes);
        assertThat(batched.guardSameOpWithAllocationReads(fixture, allocation)).isEqualTo(batchBytes);
        assertThat(benchmark.baselineAtomicLong(baselines, allocation)).isZero();
        assertThat(benchmark.baselineBulkhead(baselines, allocation)).isTrue();
        assertThat(batched.baselineAtomicLong(baselines, allocation)).isZero();
        assertThat(batched.baselineBulkhead(baselines, allocation)).isEqualTo(AdmitReleaseBatched.CALLS);

        GuardStats stats = fixture.guard.stats();
        assertThat(stats.admitted()).isEqualTo(5 + 3 * AdmitReleaseBatched.CALLS);
        fixture.stop(); // throws if anything was rejected, failed open or is still reserved
    }

    @Test
    void stop_withReservationStillHeld_failsTheTrial() {
        long reserved = fixture.guard.acquire(fixture.sharedOp, GuardFixture.CALL_BYTES, 0, 0L);

        assertThat(reserved).isEqualTo(GuardFixture.CALL_BYTES);
        assertThatThrownBy(fixture::stop)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inFlight=1");
    }

    @Test
    void settings_configureEveryLimitOfTheLimitedOperation() {
        assertThat(GuardFixture.settings()).containsKeys(
                "operations.benchLimited.maxPerCall",
                "operations.benchLimited.maxInFlight",
                "operations.benchLimited.maxConcurrent");
    }
}
