package io.heapguard.it.agent.app;

import io.heapguard.MemoryAware;

/** An interface default method is woven in the interface itself. */
public interface DefaultShape {

    @MemoryAware(operation = "shape.default", estimate = "bytes")
    default int defaultMethod(long bytes) {
        BodyRuns.hit();
        return 2;
    }
}
