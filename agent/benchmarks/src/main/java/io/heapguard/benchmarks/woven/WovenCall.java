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
 * <p>Arguments are outside the small-integer cache ({@code n = 1000}, {@code k = 5000}), so an
 * estimate that boxes them shows up in {@code -prof gc} and {@code callerAllocatedBytes}. The trial
 * fails unless the agent admitted calls and reported no rejection and no internal error (a fail-open
 * call would take a cheaper path than the one claimed).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch",
        "-javaagent:" + WovenCall.AGENT_JAR})
public class WovenCall {

    /** The agent jar the javaagent module builds, relative to the repository root. */
    static final String AGENT_JAR = "agent/javaagent/target/heapguard-agent.jar";

    private final WovenTargets targets = new WovenTargets();
    private final int[] data = new int[256];
    private final WovenTargets.Query query = new WovenTargets.Query(1000, "q");
    private int n = 1000;
    private long k = 5000L;

    @Setup(Level.Trial)
    public void checkAgent() {
        targets.bytes(n, data, k);
        GuardStats stats = MemoryGuard.stats();
        if (!stats.active() || stats.admitted() == 0) {
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
        return targets.plain(n, data, k);
    }

    @Benchmark
    public long bytes(CallerAllocation allocation) {
        return targets.bytes(n, data, k);
    }

    @Benchmark
    public long onePrimitive(CallerAllocation allocation) {
        return targets.onePrimitive(n, data, k);
    }

    @Benchmark
    public long oneObject(CallerAllocation allocation) {
        return targets.oneObject(n, data, k);
    }

    @Benchmark
    public long threeTerms(CallerAllocation allocation) {
        return targets.threeTerms(n, data, k);
    }

    @Benchmark
    public long fallback(CallerAllocation allocation) {
        return targets.withFallback(n, data, k);
    }

    @Benchmark
    public long waitOnReject(CallerAllocation allocation) {
        return targets.withWait(n, data, k);
    }

    @Benchmark
    public long plainQuery(CallerAllocation allocation) {
        return targets.plainQuery(query);
    }

    @Benchmark
    public long property(CallerAllocation allocation) {
        return targets.property(query);
    }

    @Benchmark
    public Object plainFuture(CallerAllocation allocation) {
        return targets.plainFuture(n);
    }

    @Benchmark
    public Object completedFuture(CallerAllocation allocation) {
        return targets.future(n);
    }
}
