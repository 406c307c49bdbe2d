package io.heapguard.bootstrap;

import java.util.Objects;

/**
 * The static entry points that advice woven into {@code @MemoryAware} methods calls. On the
 * bootstrap class path, so that every class loader sees this one copy; it forwards to the handler
 * the agent installed from its isolated class loader.
 *
 * <p>Method ids are constants bound into the woven code at transformation time: the hot path
 * indexes an array, it never hashes a name or reflects.
 */
public final class WovenCalls {

    private static volatile WovenCallHandler handler = WovenCallHandler.UNGUARDED;

    private WovenCalls() {
    }

    /** Called once by the agent after the guard core has started. */
    public static void install(WovenCallHandler installed) {
        handler = Objects.requireNonNull(installed, "handler");
    }

    /** Back to guarding nothing (tests, agent shutdown). */
    public static void uninstall() {
        handler = WovenCallHandler.UNGUARDED;
    }

    /** The current thread's frame for the arguments of the call about to be acquired (see {@link ArgumentFrame}). */
    public static ArgumentFrame frame() {
        return handler.frame();
    }

    /** @param arguments the filled {@link #frame()}, or null when the method's estimate reads no argument */
    public static Object acquire(int methodId, ArgumentFrame arguments) {
        return handler.acquire(methodId, arguments);
    }

    /** @param bytes the call's estimate, computed by code compiled into the woven method */
    public static Object acquireEstimated(int methodId, long bytes) {
        return handler.acquireEstimated(methodId, bytes);
    }

    public static void release(Object call) {
        handler.release(call);
    }

    public static void releaseWhenComplete(Object call, Object returned, Throwable thrown) {
        handler.releaseWhenComplete(call, returned, thrown);
    }

    public static Object acquireOrFallback(int methodId, Class<?> declaringType, Object self, ArgumentFrame arguments) {
        return handler.acquireOrFallback(methodId, declaringType, self, arguments);
    }

    /** Unwraps a fallback's result for the woven method's return value. */
    public static Object fallbackValue(Object fallbackResult) {
        return ((FallbackResult) fallbackResult).value();
    }

    public static void constructed(int hookSetId, Object instance) {
        handler.constructed(hookSetId, instance);
    }
}
