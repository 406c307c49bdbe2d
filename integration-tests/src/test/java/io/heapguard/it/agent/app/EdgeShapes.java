package io.heapguard.it.agent.app;

import java.util.List;
import java.util.function.LongSupplier;

import io.heapguard.MemoryAware;
import io.heapguard.MemoryGuard;

/**
 * Method shapes javac compiles in unusual ways: bridges (generic interface, covariant override), a
 * record accessor read by another method's estimate, and a few shapes that already worked, kept here
 * so none regresses (synchronized, enum, interface static, try/finally, a lambda inside).
 * Guarded bodies return the bytes reserved while they run.
 */
public final class EdgeShapes {

    private EdgeShapes() {
    }

    static long reservedNow() {
        return MemoryGuard.stats().reservedBytes();
    }

    /** A generic interface: javac adds a bridge {@code apply(Object, long)} and copies the annotation onto it. */
    public interface Fn<T> {
        T apply(T value, long size);
    }

    public static final class Upper implements Fn<String> {
        @MemoryAware(operation = "edgeBridge", estimate = "size")
        @Override
        public String apply(String value, long size) {
            BodyRuns.hit();
            return value.toUpperCase() + ":" + reservedNow();
        }
    }

    public static class Base {
        public Object make(long size) {
            return "base";
        }
    }

    /** A covariant override: javac adds a bridge {@code Object make(long)} with the annotation copied. */
    public static final class Derived extends Base {
        @MemoryAware(operation = "edgeCovariant", estimate = "size")
        @Override
        public String make(long size) {
            BodyRuns.hit();
            return "derived:" + reservedNow();
        }
    }

    /** A record whose accessor is itself guarded, read by {@link #weigh}'s estimate. */
    public record Sized(long weight) {
        static final long ACCESSOR_BYTES = 2L * 1024 * 1024;

        @MemoryAware(operation = "edgeAccessor", bytes = ACCESSOR_BYTES)
        @Override
        public long weight() {
            return weight;
        }
    }

    @MemoryAware(operation = "edgeEstimate", estimate = "s.weight + extra")
    public static long weigh(Sized s, long extra) {
        BodyRuns.hit();
        return reservedNow();
    }

    // ---- shapes that already worked ----

    public static final class Locked {
        @MemoryAware(operation = "edgeSynchronized", estimate = "size")
        public synchronized long locked(long size) {
            BodyRuns.hit();
            return reservedNow();
        }
    }

    public enum Mode {
        ONLY;

        @MemoryAware(operation = "edgeEnum", estimate = "size")
        public long run(long size) {
            BodyRuns.hit();
            return reservedNow();
        }
    }

    public interface Api {
        @MemoryAware(operation = "edgeInterfaceStatic", estimate = "size")
        static long viaInterface(long size) {
            BodyRuns.hit();
            return reservedNow();
        }
    }

    @MemoryAware(operation = "edgeTryFinally", estimate = "size")
    public static double tryFinally(long size) {
        BodyRuns.hit();
        double result = 0;
        try {
            result = reservedNow();
            if (size < 0) {
                throw new IllegalArgumentException("negative");
            }
        } catch (IllegalStateException never) {
            result = -1;
        } finally {
            result += 0.0;
        }
        return result;
    }

    @MemoryAware(operation = "edgeLambda", estimate = "len(items) * size")
    public static long withLambda(List<String> items, long size) {
        BodyRuns.hit();
        LongSupplier reserved = EdgeShapes::reservedNow;
        return items.stream().mapToLong(item -> reserved.getAsLong()).max().orElse(reserved.getAsLong());
    }
}
