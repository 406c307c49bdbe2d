package io.heapguard.it.agent.app.hidden;

import io.heapguard.MemoryAware;
import io.heapguard.it.agent.app.HiddenCalls;

/** Guarded methods whose return types the weaver cannot resolve, beside a plain guarded sibling. */
public final class OptionalDependency implements HiddenCalls {

    public static final long STAGE_BYTES = 2L * 1024 * 1024;

    @MemoryAware(operation = "edgeMissing", bytes = 1024)
    @Override
    public Missing optional() {
        return null;
    }

    @MemoryAware(operation = "edgeMissingSibling", bytes = 1L << 40)
    @Override
    public String sibling() {
        return "ran";
    }

    @MemoryAware(operation = "edgeLateStage", bytes = STAGE_BYTES)
    @Override
    public LateStage start() {
        return new LateStage();
    }
}
