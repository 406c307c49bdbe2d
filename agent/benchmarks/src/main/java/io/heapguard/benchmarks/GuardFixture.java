package io.heapguard.benchmarks;

import io.heapguard.GuardStats;
import io.heapguard.core.GuardConfig;
import io.heapguard.core.HeapGuard;
import io.heapguard.core.OperationHandle;
import io.heapguard.spi.GuardBackends;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One started {@link HeapGuard} shared by every thread of a trial, installed as the
 * {@link io.heapguard.MemoryGuard} backend, with the operation handles resolved once (as the woven
 * code resolves them once per method).
 *
 * <p>Every call the benchmarks make must be admitted: a rejection or an internal error (the guard
 * failing open) would take a different, cheaper or dearer, path than the one we claim to measure.
 * {@link #stop()} therefore checks the guard's totals and fails the trial loudly if any call was
 * rejected, failed open, or is still in flight.
 */
@State(Scope.Benchmark)
public class GuardFixture {

    /** Estimate of every benchmarked call: small against any limit, so each call is admitted. */
    public static final long CALL_BYTES = 64 * 1024;

    /** Operation without per-operation limits, shared by all threads. */
    public static final String SHARED_OP = "benchShared";
    /** Operation with every per-operation limit configured (see {@link #settings()}). */
    public static final String LIMITED_OP = "benchLimited";
    /** Prefix of the per-thread operations; the thread index is appended. */
    public static final String DISTINCT_OP_PREFIX = "benchDistinct";
    /** Operation of the leak-tracked {@code MemoryGuard.reserve(...).close()} path. */
    public static final String TRACKED_OP = "benchTracked";

    HeapGuard guard;
    OperationHandle sharedOp;
    OperationHandle limitedOp;

    /**
     * The guard's settings (keys without the {@code heapguard.} prefix). The per-operation limits
     * are generous so that they are checked on every call but never reject one.
     */
    public static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("enabled", "true");
        settings.put("mode", "enforce");
        settings.put("operations." + LIMITED_OP + ".maxPerCall", "1m");
        settings.put("operations." + LIMITED_OP + ".maxInFlight", "64m");
        settings.put("operations." + LIMITED_OP + ".maxConcurrent", "64");
        return settings;
    }

    @Setup(Level.Trial)
    public void start() {
        guard = HeapGuard.start(GuardConfig.fromSettings(settings(), Runtime.getRuntime().maxMemory()));
        GuardBackends.install(guard);
        sharedOp = guard.operation(SHARED_OP);
        limitedOp = guard.operation(LIMITED_OP);
        // load the statistics classes (JSON writer) now: stop() reads the stats during the last
        // measured iteration, whose allocation and GC counts would otherwise include that loading
        guard.stats();
    }

    @TearDown(Level.Trial)
    public void stop() {
        try {
            checkOnlyAdmittedPathWasTaken(guard.stats());
        } finally {
            GuardBackends.uninstall();
            guard.close();
        }
    }

    /** Throws when the run did not measure what it claims: the admitted path, released every time. */
    static void checkOnlyAdmittedPathWasTaken(GuardStats stats) {
        if (stats.rejected() != 0 || stats.internalErrors() != 0 || stats.inFlight() != 0
                || stats.reservedBytes() != 0 || stats.admitted() == 0) {
            throw new IllegalStateException("benchmark invalid: every call must be admitted and released, "
                    + "but the guard reports admitted=" + stats.admitted() + " rejected=" + stats.rejected()
                    + " internalErrors=" + stats.internalErrors() + " inFlight=" + stats.inFlight()
                    + " reservedBytes=" + stats.reservedBytes() + " pressure=" + stats.pressure());
        }
    }
}
