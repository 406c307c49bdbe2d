package io.heapguard.agent.internal.samples;

import io.heapguard.MemoryAware;
import io.heapguard.OnReject;

/** Annotations the agent must report at transformation time, naming class, method and problem. */
public class BadAnnotations {

    @MemoryAware(operation = "bad.expression", estimate = "len(vector * 4")
    public static int badExpression(float[] vector, int k) {
        return k;
    }

    @MemoryAware(operation = "bad.fallback", bytes = 1, onReject = OnReject.FALLBACK, fallback = "missing")
    public static int missingFallback(int k) {
        return k;
    }
}
