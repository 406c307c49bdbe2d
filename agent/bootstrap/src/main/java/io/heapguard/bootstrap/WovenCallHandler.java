package io.heapguard.bootstrap;

/**
 * What woven code calls, implemented inside the agent's isolated class loader. Lives on the
 * bootstrap class path so application classes in any loader can reach it through {@link WovenCalls}.
 *
 * <p>A call is an opaque object handed from the enter advice to the exit advice (a local of the woven
 * method); null means the call holds nothing. Implementations fail open on their own errors: only
 * {@link io.heapguard.MemoryGuardException} (a real rejection) and the application's own
 * {@link VirtualMachineError}s (a stack overflow in deep recursion) may escape {@link #acquire}.
 */
public abstract class WovenCallHandler {

    /**
     * The frame the woven code stores the call's arguments in before {@link #acquire}: the thread's own,
     * or {@link ArgumentFrame#DISCARD} when the call will not be admitted anyway.
     */
    public abstract ArgumentFrame frame();

    /**
     * Admits the call of woven method {@code methodId}; returns what the exit must pass to {@link #release}.
     *
     * @param arguments the frame from {@link #frame()} holding every argument, or null when none is needed
     */
    public abstract Object acquire(int methodId, ArgumentFrame arguments);

    /**
     * As {@link #acquire}, for a method whose estimate the weaver compiled into its code: the call
     * passes its estimate, and stores no argument.
     */
    public abstract Object acquireEstimated(int methodId, long bytes);

    /** Releases what {@link #acquire} reserved once the call returned or threw; null and repeats do nothing. */
    public abstract void release(Object call);

    /**
     * Like {@link #release}, but when {@code returned} is a {@link java.util.concurrent.CompletionStage}
     * (and nothing was thrown) the bytes stay reserved until that stage completes.
     */
    public abstract void releaseWhenComplete(Object call, Object returned, Throwable thrown);

    /**
     * Admits the call and returns it as {@link #acquire} does or, when rejected, runs the method's
     * fallback and returns its result wrapped in a {@link FallbackResult} (the woven method then skips
     * its body and returns that value).
     */
    public abstract Object acquireOrFallback(int methodId, Class<?> declaringType, Object self, ArgumentFrame arguments);

    /** A new instance of a class with {@code @OnMemoryPressure} instance methods was constructed. */
    public abstract void constructed(int hookSetId, Object instance);

    /** Used before the agent installed its handler, and when it is uninstalled: guards nothing. */
    static final WovenCallHandler UNGUARDED = new WovenCallHandler() {
        @Override
        public ArgumentFrame frame() {
            return ArgumentFrame.DISCARD;
        }

        @Override
        public Object acquire(int methodId, ArgumentFrame arguments) {
            return null;
        }

        @Override
        public Object acquireEstimated(int methodId, long bytes) {
            return null;
        }

        @Override
        public void release(Object call) {
        }

        @Override
        public void releaseWhenComplete(Object call, Object returned, Throwable thrown) {
        }

        @Override
        public Object acquireOrFallback(int methodId, Class<?> declaringType, Object self, ArgumentFrame arguments) {
            return null;
        }

        @Override
        public void constructed(int hookSetId, Object instance) {
        }
    };
}
