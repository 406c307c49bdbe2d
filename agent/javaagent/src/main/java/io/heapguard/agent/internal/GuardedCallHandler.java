package io.heapguard.agent.internal;

import java.util.concurrent.CompletionStage;

import io.heapguard.MemoryGuardException;
import io.heapguard.Reservation;
import io.heapguard.agent.bootstrap.FallbackResult;
import io.heapguard.agent.bootstrap.WovenCallHandler;
import io.heapguard.core.HeapGuard;

/**
 * The hot path behind woven code: estimate, admit, release. Admitted calls allocate nothing here.
 *
 * <p>Only real rejections ({@link MemoryGuardException}) and, in strict mode, calls of methods whose
 * annotation is invalid escape to the application; anything else that goes wrong in the agent is
 * counted with {@link HeapGuard#recordInternalError} and the call proceeds (fail open).
 */
final class GuardedCallHandler extends WovenCallHandler {

    private final HeapGuard guard;
    private final IdRegistry<GuardedMethod> methods;
    private final PressureHooks pressureHooks;
    /** Hands the reserved bytes from {@link #acquireOrFallback} to the advice without allocating. */
    private final ThreadLocal<long[]> lastReserved = ThreadLocal.withInitial(() -> new long[1]);

    GuardedCallHandler(HeapGuard guard, IdRegistry<GuardedMethod> methods, PressureHooks pressureHooks) {
        this.guard = guard;
        this.methods = methods;
        this.pressureHooks = pressureHooks;
    }

    @Override
    public long acquire(int methodId, Object[] arguments) {
        GuardedMethod method = methods.get(methodId);
        try {
            return admit(method, arguments);
        } catch (MemoryGuardException rejected) {
            throw method.rejections().translate(rejected);
        }
    }

    private long admit(GuardedMethod method, Object[] arguments) {
        if (method.strictFailure() != null) {
            throw new IllegalStateException(method.strictFailure());
        }
        long bytes = estimate(method, arguments);
        try {
            return guard.acquire(method.operation(), bytes, method.priority(), method.maxWaitMillis());
        } catch (MemoryGuardException rejected) {
            throw rejected;
        } catch (RuntimeException | LinkageError guardFailed) {
            guard.recordInternalError("acquire " + method.displayName(), guardFailed);
            return 0L;
        }
    }

    private long estimate(GuardedMethod method, Object[] arguments) {
        try {
            long bytes = method.estimator().estimate(arguments);
            return Math.max(0L, bytes);
        } catch (Throwable evaluationFailed) {
            guard.recordInternalError(method.estimateErrorKey(), evaluationFailed);
            return guard.defaultEstimate(method.operation());
        }
    }

    @Override
    public long threadAllocatedBytes() {
        return HeapGuard.currentThreadAllocatedBytes();
    }

    @Override
    public void release(int methodId, long reservedBytes, long allocatedAtEnter) {
        GuardedMethod method = methods.get(methodId);
        try {
            guard.release(method.operation(), reservedBytes, allocatedSince(allocatedAtEnter));
        } catch (RuntimeException e) {
            guard.recordInternalError("release " + method.displayName(), e);
        }
    }

    private static long allocatedSince(long allocatedAtEnter) {
        if (allocatedAtEnter < 0) {
            return -1L;
        }
        long now = HeapGuard.currentThreadAllocatedBytes();
        return now < allocatedAtEnter ? -1L : now - allocatedAtEnter;
    }

    @Override
    public void releaseWhenComplete(int methodId, long reservedBytes, long allocatedAtEnter,
                                    Object returned, Throwable thrown) {
        if (thrown != null || !(returned instanceof CompletionStage<?> stage)) {
            release(methodId, reservedBytes, allocatedAtEnter);
            return;
        }
        GuardedMethod method = methods.get(methodId);
        try {
            // leak-tracked: a stage that never completes is reported after leakAge
            Reservation reservation = guard.track(method.operation(), reservedBytes);
            stage.whenComplete((value, error) -> reservation.close());
        } catch (RuntimeException e) {
            guard.recordInternalError("track " + method.displayName(), e);
        }
    }

    @Override
    public FallbackResult acquireOrFallback(int methodId, Class<?> declaringType, Object self, Object[] arguments) {
        GuardedMethod method = methods.get(methodId);
        try {
            lastReserved.get()[0] = admit(method, arguments);
            return null;
        } catch (MemoryGuardException rejected) {
            RuntimeException catchable = method.rejections().translate(rejected);
            return new FallbackResult(method.fallback().invoke(declaringType, self, arguments, catchable));
        }
    }

    @Override
    public long lastReservedBytes() {
        return lastReserved.get()[0];
    }

    @Override
    public void constructed(int hookSetId, Object instance) {
        try {
            pressureHooks.constructed(hookSetId, instance);
        } catch (RuntimeException e) {
            guard.recordInternalError("register @OnMemoryPressure instance", e);
        }
    }
}
