package io.heapguard.agent.internal;

import io.heapguard.GuardStats;
import io.heapguard.Reservation;
import io.heapguard.spi.GuardBackend;

/** The {@code MemoryGuard} backend installed at start-up: starts the guard core on the first call. */
final class LazyGuardBackend implements GuardBackend {

    private final GuardRuntime runtime;

    LazyGuardBackend(GuardRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Reservation reserve(String operation, long bytes, int priority, long maxWaitMillis) {
        return runtime.guard().reserve(operation, bytes, priority, maxWaitMillis);
    }

    @Override
    public GuardStats stats() {
        return runtime.guard().stats();
    }
}
