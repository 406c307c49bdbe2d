package io.heapguard.benchmarks.woven;

import io.heapguard.GuardStats;
import io.heapguard.MemoryGuard;
import io.heapguard.benchmarks.CallerAllocation;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a user pays: a call of a woven {@code @MemoryAware} method, through the agent, against the same
 * method without the annotation, in one run. The forks run with {@code -javaagent} (path relative to
 * the repository root, where docs/benchmarks.md runs JMH from; {@code -jvmArgsAppend} overrides it).
 *
 * <p>Each invocation makes {@value #CALLS} calls (reported per call), as {@code AdmitReleaseBatched}
 * does: the SampleTime median is the figure a busy machine disturbs least. The loop cannot be
 * collapsed: every woven call does atomic read-modify-writes, and the unannotated methods are
 * never inlined.
 *
 * <p>Arguments are outside the small-integer cache ({@code n = 1000}, {@code k = 5000}), so an
 * estimate that boxes them shows up in {@code -prof gc} and {@code callerAllocatedBytes}. The trial
 * fails unless the agent admitted calls and reported no rejection and no internal error (a fail-open
 * call would take a cheaper path than the one claimed).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OperationsPerInvocation(WovenCall.CALLS)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch",
        "-javaagent:" + WovenCall.AGENT_JAR})
public class WovenCall {

    /** Calls per timed invocation: the SampleTime median is then a per-call figure with the clock amortised. */
    static final int CALLS = 20;

    /** The agent jar the javaagent module builds, relative to the repository root. */
    static final String AGENT_JAR = "agent/javaagent/target/heapguard-agent.jar";

    private final WovenTargets targets = new WovenTargets();
    private final int[] data = new int[256];
    private final WovenTargets.Query query = new WovenTargets.Query(1000, "q");
    private int n = 1000;
    private long k = 5000L;

    @Setup(Level.Trial)
    public void checkAgent() {
        long admittedBefore = MemoryGuard.stats().admitted();
        targets.bytes(n, data, k);
        GuardStats stats = MemoryGuard.stats();
        if (!stats.active() || stats.admitted() == admittedBefore) {
            throw new IllegalStateException("the agent did not guard the call: run from the repository root with "
                    + AGENT_JAR + " built, or pass -jvmArgsAppend -javaagent:<jar>; stats " + stats);
        }
    }

    @TearDown(Level.Trial)
    public void checkAdmittedOnly() {
        GuardStats stats = MemoryGuard.stats();
        if (stats.rejected() != 0 || stats.internalErrors() != 0) {
            throw new IllegalStateException("calls were rejected or failed open: " + stats);
        }
    }

    @Benchmark
    public long plain(CallerAllocation allocation) {
        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += targets.plain(n, data, k);
        }
        return sum;
    }

    @Benchmark
    public long bytes(CallerAllocation allocation) {
        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += targets.bytes(n, data, k);
        }
        return sum;
    }

    @Benchmark
    public long onePrimitive(CallerAllocation allocation) {
        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += targets.onePrimitive(n, data, k);
        }
        return sum;
    }

    @Benchmark
    public long oneObject(CallerAllocation allocation) {
        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += targets.oneObject(n, data, k);
        }
        return sum;
    }

    @Benchmark
    public long threeTerms(CallerAllocation allocation) {
        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += targets.threeTerms(n, data, k);
        }
        return sum;
    }

    @Benchmark
    public long fallback(CallerAllocation allocation) {
        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += targets.withFallback(n, data, k);
        }
        return sum;
    }

    @Benchmark
    public long waitOnReject(CallerAllocation allocation) {
        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += targets.withWait(n, data, k);
        }
        return sum;
    }

    @Benchmark
    public long plainQuery(CallerAllocation allocation) {
        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += targets.plainQuery(query);
        }
        return sum;
    }

    @Benchmark
    public long property(CallerAllocation allocation) {
        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += targets.property(query);
        }
        return sum;
    }

    @Benchmark
    public Object plainFuture(CallerAllocation allocation) {
        Object last = null;
        for (int i = 0; i < CALLS; i++) {
            last = targets.plainFuture(n);
        }
        return last;
    }

    @Benchmark
    public Object completedFuture(CallerAllocation allocation) {
        Object last = null;
        for (int i = 0; i < CALLS; i++) {
            last = targets.future(n);
        }
        return last;
    }
}
