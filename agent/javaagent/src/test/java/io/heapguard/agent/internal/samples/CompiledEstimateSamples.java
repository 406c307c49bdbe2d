package io.heapguard.agent.internal.samples;

import java.util.List;
import java.util.function.LongSupplier;

import io.heapguard.MemoryAware;

/**
 * Estimates the weaver compiles into the method (numeric primitives, array lengths, literals,
 * arithmetic, min/max, division by a literal) and two it must leave to the evaluator. Each body returns
 * what the guard holds while it runs: the call's own reservation.
 */
public class CompiledEstimateSamples {

    /** Set by the test. */
    public static LongSupplier reserved;

    @MemoryAware(operation = "compiled.primitives", estimate = "n * 64 + k / 4 - s + b * 2 + f * 1.5 + d")
    public static long primitives(int n, long k, short s, byte b, float f, double d) {
        return reserved.getAsLong();
    }

    @MemoryAware(operation = "compiled.lengths",
            estimate = "len(v) * 4 + len(ids) * 8 + len(names) * 16 + len(grid) + len(flags) + len(text)"
                    + " + len(shorts) + len(bytes) + len(doubles)")
    public static long lengths(float[] v, long[] ids, String[] names, int[][] grid, boolean[] flags, char[] text,
                               short[] shorts, byte[] bytes, double[] doubles) {
        return reserved.getAsLong();
    }

    @MemoryAware(operation = "compiled.functions", estimate = "min(n, 100) * 1KB + max(len(v), 16, n) - -n / 2.5")
    public static long functions(int n, float[] v) {
        return reserved.getAsLong();
    }

    /** An instance method with a two-slot parameter before the ones read: the locals' offsets shift. */
    @MemoryAware(operation = "compiled.instance", estimate = "len(w) * wide")
    public long instance(double unread, long wide, float[] w) {
        return reserved.getAsLong();
    }

    @MemoryAware(operation = "compiled.fixed", bytes = 12_345)
    public static long fixed(int ignored) {
        return reserved.getAsLong();
    }

    /** A list's size is the application's code, and a boxed number can be null: evaluated per call. */
    @MemoryAware(operation = "evaluated.list", estimate = "len(list) * 8 + (boxed ?: 3)")
    public static long evaluated(List<String> list, Integer boxed, int unread) {
        return reserved.getAsLong();
    }

    /** A divisor that may be 0 at run time is an error there, which only the evaluator reports. */
    @MemoryAware(operation = "evaluated.divide", estimate = "1MB / n")
    public static long divided(int n) {
        return reserved.getAsLong();
    }
}
