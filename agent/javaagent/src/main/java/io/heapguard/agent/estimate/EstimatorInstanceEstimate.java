package io.heapguard.agent.estimate;

import java.lang.ref.WeakReference;

import io.heapguard.MemoryEstimator;
import io.heapguard.core.InternalLog;

/**
 * {@code @MemoryAware(estimator = X.class)}: X is instantiated once, on the first call (not at
 * transformation time, where loading application classes could recurse into the class loader that
 * is defining the woven class). If it cannot be created the problem is reported once and every call
 * uses the operation's default estimate.
 *
 * <p>{@link io.heapguard.MemoryEstimator} takes an {@code Object[]}: the woven call's frame hands it an
 * array it reuses on its thread (no array per call), but primitive arguments are boxed into it
 * (beyond the JDK's small-value caches that allocates): the one form whose admitted calls may
 * allocate. Prefer an expression for primitives on hot paths.
 */
public final class EstimatorInstanceEstimate implements CallEstimator {

    private final String estimatorClassName;
    private final String annotatedMethod;
    private final WeakReference<ClassLoader> loader;
    private final CallEstimator fallback;
    private volatile MemoryEstimator instance;
    private volatile boolean unusable;

    public EstimatorInstanceEstimate(String estimatorClassName, String annotatedMethod, ClassLoader loader,
                              CallEstimator fallback) {
        this.estimatorClassName = estimatorClassName;
        this.annotatedMethod = annotatedMethod;
        this.loader = new WeakReference<>(loader);
        this.fallback = fallback;
    }

    @Override
    public long estimate(Arguments arguments) throws Exception {
        MemoryEstimator estimator = instance;
        if (estimator == null) {
            if (unusable) {
                return fallback.estimate(arguments);
            }
            estimator = create();
            if (estimator == null) {
                return fallback.estimate(arguments);
            }
        }
        try {
            return estimator.estimateBytes(arguments.boxed());
        } catch (VirtualMachineError error) {
            throw error;
        } catch (Throwable thrown) {
            throw withoutMessage(thrown);
        }
    }

    /**
     * What the agent logs of an estimator's failure: its class and stack, not its message, which may
     * quote the call's arguments (query text) that must never reach the logs.
     */
    private IllegalStateException withoutMessage(Throwable thrown) {
        IllegalStateException failure = new IllegalStateException("estimator " + estimatorClassName + " threw "
                + thrown.getClass().getName() + " (its message is left out: it may quote the call's arguments)");
        failure.setStackTrace(thrown.getStackTrace());
        return failure;
    }

    private synchronized MemoryEstimator create() {
        if (instance != null || unusable) {
            return instance;
        }
        try {
            Class<?> type = Class.forName(estimatorClassName, true, loader.get());
            Object created = type.getDeclaredConstructor().newInstance();
            if (!(created instanceof MemoryEstimator estimator)) {
                throw new ClassCastException(estimatorClassName + " does not implement the io.heapguard.MemoryEstimator "
                        + "the agent provides (is heapguard-api loaded child-first by " + type.getClassLoader() + "?)");
            }
            instance = estimator;
            return estimator;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            unusable = true;
            InternalLog.shared().warnOnce("estimator:" + annotatedMethod, "cannot create estimator " + estimatorClassName
                    + " for @MemoryAware " + annotatedMethod + " (it needs a public no-argument constructor): " + e
                    + "; its calls use the operation's default estimate");
            return null;
        }
    }

    @Override
    public boolean needsArguments() {
        return true;
    }
}
