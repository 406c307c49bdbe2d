package io.heapguard.it.agent.app;

import java.util.List;

import io.heapguard.MemoryAware;

/** One guarded method per method shape the agent must weave; each estimate reads a parameter. */
public class Shapes implements DefaultShape {

    @MemoryAware(operation = "shape.static", estimate = "bytes")
    public static int staticMethod(long bytes) {
        BodyRuns.hit();
        return 1;
    }

    @MemoryAware(operation = "shape.instance", estimate = "len(data) * 1GB")
    public int instanceMethod(long[] data) {
        BodyRuns.hit();
        return data.length;
    }

    @MemoryAware(operation = "shape.generic", estimate = "len(items) * 1GB")
    public <T extends Comparable<T>> T genericMethod(List<T> items) {
        BodyRuns.hit();
        return items.isEmpty() ? null : items.get(0);
    }

    @MemoryAware(operation = "shape.varargs", estimate = "len(chunks) * 1GB")
    public int varargsMethod(String... chunks) {
        BodyRuns.hit();
        return chunks.length;
    }

    @MemoryAware(operation = "shape.private", estimate = "$0")
    private long privateMethod(long bytes) {
        BodyRuns.hit();
        return bytes;
    }

    public long callPrivate(long bytes) {
        return privateMethod(bytes);
    }
}
