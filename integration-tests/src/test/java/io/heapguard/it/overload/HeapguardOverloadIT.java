package io.heapguard.it.overload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same overload that kills the unguarded service ({@link UnguardedOverloadIT}), with heapguard:
 * it never dies, every request is accounted for, nothing stays reserved, the cleanup runs and
 * frees heap, and per-operation limits hold. Assertions are on counts and states, never on time.
 */
class HeapguardOverloadIT {

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STATS_POLL = Duration.ofMillis(250);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void heapguardDefaults_slowReadersOverload_survivesAndAccountsForEveryRequest(long seed) throws Exception {
        RunSpec spec = OverloadFixture.spec("it-heapguard-slow-seed" + seed, Protection.heapguard(),
                WorkloadShape.SLOW_READERS, LoadPlan.DRAIN_FULLY_MILLIS, seed);

        try (OverloadRun run = OverloadRun.start(spec)) {
            LoadResult load = run.driveLoad();
            String context = "seed " + seed + "\n" + OverloadFixture.logsOf(run);

            assertThat(run.server().isAlive()).as("heapguard-protected service must survive; %s", context).isTrue();
            assertThat(run.server().diedOfOutOfMemory()).as(context).isFalse();
            assertThat(load.ioErrors()).as("no request may fail at the transport level: %s; %s", load.sampleErrors(), context)
                    .isZero();
            assertThat(load.cutOff()).as("every request drained: exact accounting needs it").isZero();
            assertThat(load.rejected()).as("the overload must be real: heapguard had to reject something").isPositive();

            JsonNode settled = await("heapguard releases every reservation once the load stops")
                    .atMost(SETTLE_TIMEOUT).pollInterval(STATS_POLL)
                    .until(run::stats, s -> Json.longAt(s, "totals.inFlight", -1) == 0
                            && Json.longAt(s, "totals.reservedBytes", -1) == 0);

            Map<String, Long> decisions = new TreeMap<>(GuardOperations.guardDecisions(run.statsBeforeLoad(), settled));
            Map<String, Long> calls = new TreeMap<>(GuardOperations.clientCalls(load));
            // a batch refused whole is served in chunks, each a guard decision of its own
            long batchDecisions = Objects.requireNonNullElse(decisions.remove(GuardOperations.BATCH), 0L);
            long batchCalls = Objects.requireNonNullElse(calls.remove(GuardOperations.BATCH), 0L);
            assertThat(batchDecisions).as("search.batch: at least one guard decision per batch sent").isGreaterThanOrEqualTo(batchCalls);
            assertThat(decisions)
                    .as("admitted + rejected per operation equals the requests the clients sent (minus 400s)")
                    .isEqualTo(calls);
            assertThat(Json.longAt(settled, "totals.leaks", -1)).isZero();

            RunResult result = run.finish();
            assertThat(result.outOfMemory()).isFalse();
        }
    }

    @Test
    void heapguardDefaults_overloadReachesCleanupThreshold_cleanupRunsAndLowersLiveHeap() throws Exception {
        RunSpec spec = OverloadFixture.spec("it-heapguard-cleanup", Protection.heapguard(), WorkloadShape.SLOW_READERS,
                LoadPlan.DRAIN_FULLY_MILLIS, 4);

        try (OverloadRun run = OverloadRun.start(spec)) {
            run.driveLoad();
            JsonNode stats = run.stats();

            assertThat(Json.longAt(stats, "cleanup.runs", -1))
                    .as("the overload must reach the cleanup threshold; stats: %s", stats.path("cleanup")).isPositive();
            assertThat(Json.longAt(stats, "cleanup.bytesFreed", -1))
                    .as("the demo's caches report what they freed; stats: %s", stats.path("cleanup")).isPositive();
            assertThat(Json.longAt(stats, "cleanup.liveHeapDrop", -1))
                    .as("the live heap after the cleanup's GC is measurably lower; stats: %s", stats.path("cleanup")).isPositive();
            assertThat(run.finish().outOfMemory()).isFalse();
        }
    }

    @Test
    void operationMaxConcurrent_two_neverMoreThanTwoInFlight() throws Exception {
        final String op = "search.keyword";
        final int maxConcurrent = 2;
        RequestMix deepPagesOnly = RequestMix.standard().only(OverloadKind.DEEP_PAGE);
        LoadPlan plan = new LoadPlan(8, 8, 1, 1_000, 10_000, LoadPlan.DRAIN_FULLY_MILLIS, 5);
        RunSpec spec = new RunSpec("it-heapguard-maxconcurrent",
                Protection.heapguard("operations." + op + ".maxConcurrent=" + maxConcurrent), WorkloadShape.CPU_BOUND,
                deepPagesOnly, plan, OverloadFixture.settings());

        try (OverloadRun run = OverloadRun.start(spec);
             InFlightWatcher watcher = new InFlightWatcher(run, op)) {
            LoadResult load = run.driveLoad();
            watcher.close();
            JsonNode stats = await().atMost(SETTLE_TIMEOUT).pollInterval(STATS_POLL)
                    .until(run::stats, s -> GuardOperations.inFlight(s, op) == 0);

            assertThat(stats.path("limits").path("operations").path(op).path("maxConcurrent").asLong(-1))
                    .as("the agent option reached the guard's limits").isEqualTo(maxConcurrent);
            assertThat(watcher.samples()).as("the watcher saw the operation running").isPositive();
            assertThat(watcher.maxSeen()).as("%s calls in flight at once, sampled from /stats", op)
                    .isLessThanOrEqualTo(maxConcurrent);
            assertThat(GuardOperations.rejected(stats, op, "CONCURRENCY_LIMIT") - GuardOperations.rejected(run.statsBeforeLoad(), op, "CONCURRENCY_LIMIT"))
                    .as("8 clients against a limit of 2: the limit rejected calls").isPositive();
            assertThat(load.rejectedByReason()).containsKey("CONCURRENCY_LIMIT");
            assertThat(load.ok()).as("calls within the limit were served").isPositive();
            assertThat(run.finish().outOfMemory()).isFalse();
        }
    }

    /** Polls /stats on its own thread and keeps the highest in-flight count of one operation. */
    private static final class InFlightWatcher implements AutoCloseable {
        private static final long WATCH_INTERVAL_MILLIS = 20;
        private final AtomicLong maxSeen = new AtomicLong();
        private final AtomicLong samples = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        InFlightWatcher(OverloadRun run, String op) {
            thread = new Thread(() -> {
                while (running) {
                    JsonNode stats = run.stats();
                    if (!stats.isMissingNode()) {
                        long inFlight = GuardOperations.inFlight(stats, op);
                        maxSeen.accumulateAndGet(inFlight, Math::max);
                        if (inFlight > 0) {
                            samples.incrementAndGet();
                        }
                    }
                    // sampling pace, so the watcher does not load the service it watches
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(WATCH_INTERVAL_MILLIS));
                }
            }, "in-flight-watcher");
            thread.setDaemon(true);
            thread.start();
        }

        long maxSeen() {
            return maxSeen.get();
        }

        long samples() {
            return samples.get();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(Duration.ofSeconds(15).toMillis());
        }
    }
}
