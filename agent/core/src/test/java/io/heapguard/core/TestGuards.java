package io.heapguard.core;

import java.util.ArrayList;
import java.util.List;

/** Creates guards on a scripted signal and a manual clock, and checks they end balanced. */
final class TestGuards implements AutoCloseable {

    static final long MIB = 1L << 20;
    /** A JVM max heap for configuration percentages: 1000 MiB, so maxHeap 90% = 900 MiB. */
    static final long JVM_MAX_HEAP = 1000 * MIB;

    final ScriptedSignal signal = new ScriptedSignal();
    final ManualClock clock = new ManualClock();
    private final List<HeapGuard> guards = new ArrayList<>();

    /** A config with a 100 MiB budget and a per-call limit of 50 MiB. */
    static GuardConfig.Builder config() {
        return GuardConfig.builder(JVM_MAX_HEAP).maxHeapBytes(100 * MIB).maxPerCallBytes(50 * MIB);
    }

    HeapGuard guard(GuardConfig config) {
        HeapGuard guard = new HeapGuard(config, signal, clock);
        guards.add(guard);
        return guard;
    }

    HeapGuard guard(GuardConfig.Builder config) {
        return guard(config.build());
    }

    @Override
    public void close() {
        guards.forEach(HeapGuard::close);
    }
}
