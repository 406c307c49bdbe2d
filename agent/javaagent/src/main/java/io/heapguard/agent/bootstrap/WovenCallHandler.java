package io.heapguard.agent.bootstrap;

/**
 * What woven code calls, implemented inside the agent's isolated class loader. Lives on the
 * bootstrap class path so application classes in any loader can reach it through {@link WovenCalls}.
 *
 * <p>Implementations fail open on their own errors: only {@link io.heapguard.MemoryGuardException}
 * (a real rejection) may escape {@link #acquire}.
 */
public abstract class WovenCallHandler {

    /** Admits the call of woven method {@code methodId}; returns the bytes reserved for it. */
    public abstract long acquire(int methodId, Object[] arguments);

    /** Bytes this thread allocated so far, or -1 when the JVM cannot tell. */
    public abstract long threadAllocatedBytes();

    /** Releases what {@link #acquire} reserved once the call returned or threw. */
    public abstract void release(int methodId, long reservedBytes, long allocatedAtEnter);

    /**
     * Like {@link #release}, but when {@code returned} is a {@link java.util.concurrent.CompletionStage}
     * (and nothing was thrown) the bytes stay reserved until that stage completes.
     */
    public abstract void releaseWhenComplete(int methodId, long reservedBytes, long allocatedAtEnter,
                                             Object returned, Throwable thrown);

    /**
     * Admits the call, or when rejected runs the method's fallback and returns its result wrapped in
     * a {@link FallbackResult}; returns null when admitted (the reserved bytes are then in
     * {@link #lastReservedBytes()}).
     */
    public abstract FallbackResult acquireOrFallback(int methodId, Class<?> declaringType, Object self,
                                                     Object[] arguments);

    /** Bytes reserved by this thread's last successful {@link #acquireOrFallback}. */
    public abstract long lastReservedBytes();

    /** A new instance of a class with {@code @OnMemoryPressure} instance methods was constructed. */
    public abstract void constructed(int hookSetId, Object instance);

    /** Used before the agent installed its handler, and when it is uninstalled: guards nothing. */
    static final WovenCallHandler UNGUARDED = new WovenCallHandler() {
        @Override
        public long acquire(int methodId, Object[] arguments) {
            return 0L;
        }

        @Override
        public long threadAllocatedBytes() {
            return -1L;
        }

        @Override
        public void release(int methodId, long reservedBytes, long allocatedAtEnter) {
        }

        @Override
        public void releaseWhenComplete(int methodId, long reservedBytes, long allocatedAtEnter,
                                        Object returned, Throwable thrown) {
        }

        @Override
        public FallbackResult acquireOrFallback(int methodId, Class<?> declaringType, Object self,
                                                Object[] arguments) {
            return null;
        }

        @Override
        public long lastReservedBytes() {
            return 0L;
        }

        @Override
        public void constructed(int hookSetId, Object instance) {
        }
    };
}
