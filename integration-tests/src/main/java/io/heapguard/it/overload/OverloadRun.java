package io.heapguard.it.overload;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * One run, step by step: fork the service, sample its heap, drive the load, read its stats, stop it.
 * Tests call the steps one by one to check invariants between them; {@link #execute} does it all.
 */
public final class OverloadRun implements AutoCloseable {

    private static final int PROBE_TIMEOUT_MILLIS = 10_000;
    /** Where heapguard's stats document may keep the budget, newest name first. */
    private static final List<String> BUDGET_PATHS = List.of("limits.maxHeap", "limits.maxHeapBytes", "limits.budget");

    private final RunSpec spec;
    private final DemoProcess server;
    private final long startupMillis;
    private HeapSampler sampler;
    private LoadResult load;
    private long loadOriginNanos;
    private volatile JsonNode lastStats = MissingNode.getInstance();
    private JsonNode statsBeforeLoad = MissingNode.getInstance();
    private int warmUpFailures;
    private Duration serverCpuAtLoadStart = Duration.ZERO;
    private Duration serverCpuAtLoadEnd = Duration.ZERO;
    private ThreadCpu.Reading agentThreadsAtLoadStart;
    private ThreadCpu.Reading agentThreadsAtLoadEnd;
    private JsonNode statsAfterLoad = MissingNode.getInstance();

    private OverloadRun(RunSpec spec, DemoProcess server, long startupMillis) {
        this.spec = spec;
        this.server = server;
        this.startupMillis = startupMillis;
    }

    /** Forks the service and waits until it listens. */
    public static OverloadRun start(RunSpec spec) throws IOException {
        long start = System.nanoTime();
        DemoProcess server = DemoProcess.start(spec.server(), spec.protection(), spec.name());
        return new OverloadRun(spec, server, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** Runs the whole plan and returns the result; the service is stopped afterwards. */
    public static RunResult execute(RunSpec spec) throws IOException, InterruptedException {
        try (OverloadRun run = start(spec)) {
            run.driveLoad();
            return run.finish();
        }
    }

    /**
     * Warms the service up (see {@link RequestMix#warmUpRequests()}), reads its stats, then drives
     * the load plan (heap sampled meanwhile); returns when every client has finished.
     */
    public LoadResult driveLoad() throws InterruptedException {
        if (load != null) {
            throw new IllegalStateException("run '" + spec.name() + "' was already driven");
        }
        warmUpFailures = WarmUp.run(server.port(), spec.mix().warmUpRequests());
        statsBeforeLoad = stats();
        loadOriginNanos = System.nanoTime();
        serverCpuAtLoadStart = server.cpuTime();
        agentThreadsAtLoadStart = ThreadCpu.read(server.pid(), ThreadCpu.AGENT_THREAD_PREFIXES);
        sampler = new HeapSampler(server.port(), loadOriginNanos);
        load = new LoadDriver(server.port(), spec.shape(), spec.mix(), spec.plan()).run(server::isAlive);
        serverCpuAtLoadEnd = server.cpuTime();
        agentThreadsAtLoadEnd = ThreadCpu.read(server.pid(), ThreadCpu.AGENT_THREAD_PREFIXES);
        statsAfterLoad = stats();
        return load;
    }

    /**
     * The CPU time (user + system, all threads) the service used while the load ran, warm-up left
     * out; zero when the system does not report it. Unlike throughput, it hardly moves when other
     * processes take turns on the cores.
     */
    public Duration serverCpuDuringLoad() {
        Duration used = serverCpuAtLoadEnd.minus(serverCpuAtLoadStart);
        return used.isNegative() ? Duration.ZERO : used;
    }

    /**
     * The share of the service's CPU during the load that the agent's own threads used
     * ({@link ThreadCpu#AGENT_THREAD_PREFIXES}; the same threads read as a baseline without the
     * agent); NaN where {@code /proc} cannot tell.
     */
    public double agentThreadsCpuShareDuringLoad() {
        return agentThreadsAtLoadEnd == null ? Double.NaN : agentThreadsAtLoadEnd.shareSince(agentThreadsAtLoadStart);
    }

    /** Calls heapguard admitted during the load (its stats after minus before); -1 without heapguard's stats. */
    public long admittedDuringLoad() {
        long before = Json.longAt(statsBeforeLoad, "totals.admitted", -1);
        long after = Json.longAt(statsAfterLoad, "totals.admitted", -1);
        return before < 0 || after < 0 ? -1 : after - before;
    }

    /** GET /stats: heapguard's stats document, or a missing node when the service does not answer. */
    public JsonNode stats() {
        JsonNode stats = probe("/stats");
        if (!stats.isMissingNode()) {
            lastStats = stats;
        }
        return stats;
    }

    /** GET /health, or a missing node when the service does not answer. */
    public JsonNode health() {
        return probe("/health");
    }

    private JsonNode probe(String path) {
        if (!server.isAlive()) {
            return MissingNode.getInstance();
        }
        HttpOutcome outcome = RawHttpClient.probe(server.port(), PROBE_TIMEOUT_MILLIS)
                .exchange(HttpRequestSpec.get(OverloadKind.KEYWORD, path));
        return outcome.succeeded() ? Json.parse(outcome.body()) : MissingNode.getInstance();
    }

    /** /stats right after the warm-up, before the load: subtract it to count the load alone. */
    public JsonNode statsBeforeLoad() {
        return statsBeforeLoad;
    }

    /** Warm-up requests that did not answer 200 (a protection may reject some). */
    public int warmUpFailures() {
        return warmUpFailures;
    }

    public DemoProcess server() {
        return server;
    }

    /** Heap samples so far (the sampler keeps running until {@link #finish}). */
    public List<HeapSample> heapSamples() {
        return sampler == null ? List.of() : sampler.samples();
    }

    /** Reads the final stats, stops sampling and the service, and collects the result. */
    public RunResult finish() throws InterruptedException, IOException {
        if (load == null) {
            throw new IllegalStateException("run '" + spec.name() + "' finished before its load was driven");
        }
        stats();
        sampler.close();
        boolean exitedByItself = server.exitedByItself();
        server.close();
        long budget = spec.protection().kind() == Protection.Kind.HEAPGUARD ? budgetFrom(lastStats) : -1;
        long uptimeAtOrigin = TimeUnit.NANOSECONDS.toMillis(loadOriginNanos - server.forkNanos());
        List<HeapSample> gcSamples = GcLog.heapAfterPauses(server.gcLog(), uptimeAtOrigin);
        long diedAt = exitedByItself ? server.exitedAfterMillis() - uptimeAtOrigin : -1;
        return new RunResult(spec, load, server.diedOfOutOfMemory(), diedAt, exitedByItself,
                exitedByItself ? server.exitCode() : -1, sampler.samples(), gcSamples, sampler.heapMax(), budget,
                lastStats, startupMillis, sampler.unanswered());
    }

    private static long budgetFrom(JsonNode stats) {
        for (String path : BUDGET_PATHS) {
            long value = Json.longAt(stats, path, -1);
            if (value > 0) {
                return value;
            }
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (sampler != null) {
            sampler.close();
        }
        server.close();
    }
}
