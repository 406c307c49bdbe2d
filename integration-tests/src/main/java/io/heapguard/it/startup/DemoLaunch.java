package io.heapguard.it.startup;

import io.heapguard.it.overload.DemoProcess;
import io.heapguard.it.overload.Protection;
import io.heapguard.it.overload.ServerSettings;

import java.io.IOException;
import java.util.EnumMap;

/**
 * Starts the demo service exactly as the overload comparison does ({@link DemoProcess}: same heap,
 * collector, threads and index), times its listening line and its first answered search, then
 * stops it. The clock starts just before {@link DemoProcess#start}, which forks at once.
 */
final class DemoLaunch implements Launch {

    private final Variant variant;
    private final ServerSettings settings;
    private final Protection protection;

    DemoLaunch(Variant variant, ServerSettings settings, Protection protection) {
        this.variant = variant;
        this.settings = settings;
        this.protection = protection;
    }

    @Override
    public Variant variant() {
        return variant;
    }

    @Override
    public RunSample run(int round, boolean warmup) throws IOException {
        EnumMap<Measure, Long> nanos = new EnumMap<>(Measure.class);
        long start = System.nanoTime();
        // start() returns when its stdout pump has seen "listening on ...": the port is known only then
        try (DemoProcess server = DemoProcess.start(settings, protection, "demo-" + variant.name() + "-" + round)) {
            nanos.put(Measure.LISTENING, System.nanoTime() - start);
            nanos.put(Measure.FIRST_QUERY, FirstQuery.await(server) - start);
        } // close() stops the service and waits for its exit: the next run gets a quiet machine
        return RunSample.of(variant.name(), round, warmup, nanos);
    }
}
