package io.heapguard.agent.internal;

import java.util.function.Supplier;

import io.heapguard.core.GuardConfig;
import io.heapguard.core.HeapGuard;

/**
 * Starts the guard core on first use instead of in {@code premain}. Starting it registers GC
 * listeners, reads the memory MXBeans and preloads the stats classes, which is about 50 ms of start-up on
 * two cores, and {@code premain} should not pay that. The first of these starts it: an annotated or
 * targeted class, a {@code MemoryGuard} call, a stats dump, or the MXBean registration, which with
 * {@code jmx=true} (the default) comes {@code jmxDelay} after start-up, off the start-up path.
 */
final class GuardRuntime implements Supplier<HeapGuard> {

    private final GuardConfig config;
    private volatile HeapGuard guard;

    GuardRuntime(GuardConfig config) {
        this.config = config;
    }

    @Override
    public HeapGuard get() {
        return guard();
    }

    /** The running guard, started by the first caller. */
    HeapGuard guard() {
        HeapGuard current = guard;
        if (current == null) {
            synchronized (this) {
                current = guard;
                if (current == null) {
                    current = HeapGuard.start(config);
                    guard = current;
                }
            }
        }
        return current;
    }
}
