package io.heapguard.agent.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.heapguard.MemoryGuardException;
import io.heapguard.Reservation;
import io.heapguard.agent.estimate.Arguments;
import io.heapguard.bootstrap.ArgumentFrame;
import io.heapguard.bootstrap.FallbackResult;
import io.heapguard.bootstrap.WovenCallHandler;
import io.heapguard.core.HeapGuard;

/**
 * The hot path behind woven code: estimate, admit, release. Admitted calls allocate nothing here
 * (each thread reuses its {@link WovenCall} records, and its {@link ThreadCalls} is the frame the
 * woven code stores the arguments in, typed: no array, no boxing).
 *
 * <p>Only real rejections ({@link MemoryGuardException}), the application's own
 * {@link VirtualMachineError}s and, in strict mode, calls of methods whose annotation is invalid
 * escape to the application; anything else that goes wrong in the agent is counted with
 * {@link HeapGuard#recordInternalError} and the call proceeds (fail open).
 *
 * <p>Only a sample of calls measures what it allocated ({@link AllocationSampling}): the thread's
 * allocation counter costs more than the admission itself.
 *
 * <p>Estimates run with guards suspended on their thread: a guarded method the estimate reads (a
 * guarded record accessor, say) runs unguarded there, neither admitted nor counted.
 *
 * <p>A {@code StackOverflowError} may strike anywhere in here, at the bottom of a deep recursion.
 * Every reservation is recorded in the thread's {@link ThreadCalls} before it is made and released
 * through it, so an interrupted admission or release is finished by the next exit of an enclosing
 * guarded call, or by the thread's next admission (see {@link ThreadCalls}).
 */
final class GuardedCallHandler extends WovenCallHandler {

    private final HeapGuard guard;
    private final IdRegistry<GuardedMethod> methods;
    private final PressureHooks pressureHooks;
    private final ThreadLocal<ThreadCalls> threads = ThreadLocal.withInitial(ThreadCalls::new);

    GuardedCallHandler(HeapGuard guard, IdRegistry<GuardedMethod> methods, PressureHooks pressureHooks) {
        this.guard = guard;
        this.methods = methods;
        this.pressureHooks = pressureHooks;
    }

    @Override
    public ArgumentFrame frame() {
        ThreadCalls thread = threads.get();
        // an estimate is running on this thread: a guarded method it calls must not overwrite its arguments
        return thread.suspended > 0 ? ArgumentFrame.DISCARD : thread;
    }

    @Override
    public Object acquire(int methodId, ArgumentFrame arguments) {
        ThreadCalls frame = filledFrame(arguments);
        if (arguments != null && frame == null) {
            return null; // the woven code was handed DISCARD: a call that is not admitted
        }
        ThreadCalls thread = frame != null ? frame : threads.get();
        try {
            return admit(thread, methodId, frame);
        } catch (MemoryGuardException rejected) {
            throw methods.get(methodId).rejections().translate(rejected);
        } finally {
            if (frame != null) {
                frame.doneReading();
            }
        }
    }

    @Override
    public Object acquireEstimated(int methodId, long bytes) {
        ThreadCalls thread = threads.get();
        GuardedMethod method = methods.get(methodId);
        try {
            return admissible(thread, method) ? reserve(thread, method, Math.max(0L, bytes)) : null;
        } catch (MemoryGuardException rejected) {
            throw method.rejections().translate(rejected);
        }
    }

    @Override
    public Object acquireOrFallback(int methodId, Class<?> declaringType, Object self, ArgumentFrame arguments) {
        ThreadCalls frame = filledFrame(arguments);
        if (frame == null) {
            return null; // DISCARD (or no frame): a call that is not admitted
        }
        try {
            return admit(frame, methodId, frame);
        } catch (MemoryGuardException rejected) {
            GuardedMethod method = methods.get(methodId);
            RuntimeException catchable = method.rejections().translate(rejected);
            Object[] fallbackArguments = frame.copyArguments(); // before the fallback's own guarded calls refill the frame
            frame.doneReading();
            return new FallbackResult(method.fallback().invoke(declaringType, self, fallbackArguments, catchable));
        } finally {
            frame.doneReading();
        }
    }

    /** The thread's frame the woven code filled, or null (none passed, or {@link ArgumentFrame#DISCARD}). */
    private static ThreadCalls filledFrame(ArgumentFrame arguments) {
        return arguments instanceof ThreadCalls frame ? frame : null;
    }

    /**
     * The admitted call, null when it holds nothing; throws the core's {@link MemoryGuardException} on rejection.
     *
     * @param frame the thread's frame holding the call's arguments, null when the estimate reads none
     */
    private WovenCall admit(ThreadCalls thread, int methodId, ThreadCalls frame) {
        GuardedMethod method = methods.get(methodId);
        if (frame != null) {
            frame.reading(method.parameterKinds()); // first: however the admission ends, doneReading forgets them
        }
        if (!admissible(thread, method)) {
            return null;
        }
        return reserve(thread, method, estimate(method, frame, thread));
    }

    /**
     * Whether the call is admitted at all: not while an estimate is evaluated on this thread. Finishes
     * a release a stack overflow interrupted; a method invalid in strict mode fails every call.
     */
    private boolean admissible(ThreadCalls thread, GuardedMethod method) {
        if (thread.suspended > 0) {
            return false; // called while an estimate is evaluated on this thread
        }
        if (thread.hasPending()) {
            thread.releasePending(guard);
        }
        if (method.strictFailure() != null) {
            throw new IllegalStateException(method.strictFailure());
        }
        return true;
    }

    /** Reserves the estimated bytes for the call, recorded in the thread's calls before it is made. */
    private WovenCall reserve(ThreadCalls thread, GuardedMethod method, long bytes) {
        WovenCall call = thread.push(method);
        try {
            guard.acquire(method.operation(), bytes, method.priority(), method.maxWaitMillis(), call.slot);
        } catch (MemoryGuardException rejected) {
            thread.dropRejected(call);
            throw rejected;
        } catch (RuntimeException | LinkageError guardFailed) {
            guard.release(call.slot, -1L);
            thread.dropRejected(call);
            guard.recordInternalError("acquire " + method.displayName(), guardFailed);
            return null;
        }
        int sampleWeight = method.allocationSampling().weightOfCall(thread);
        if (sampleWeight != AllocationSampling.NOT_MEASURED) {
            call.sampleWeight = sampleWeight;
            call.allocatedAtEnter = HeapGuard.currentThreadAllocatedBytes();
        }
        thread.handedOver(call);
        return call;
    }

    private long estimate(GuardedMethod method, Arguments arguments, ThreadCalls thread) {
        thread.suspended++;
        try {
            long bytes = method.estimator().estimate(arguments);
            return Math.max(0L, bytes);
        } catch (VirtualMachineError vmError) {
            throw vmError; // the application's stack or heap ran out; nothing is reserved yet
        } catch (Throwable evaluationFailed) {
            guard.recordInternalError(method.estimateErrorKey(), evaluationFailed);
            return guard.defaultEstimate(method.operation());
        } finally {
            thread.suspended--;
        }
    }

    @Override
    public void release(Object call) {
        if (call instanceof WovenCall woven) {
            release(woven);
        }
    }

    private void release(WovenCall call) {
        long allocated = allocatedSince(call.allocatedAtEnter);
        try {
            call.thread.releaseFrom(call, guard, allocated, call.sampleWeight);
        } catch (RuntimeException | LinkageError e) {
            guard.recordInternalError("release " + call.method.displayName(), e);
        }
    }

    /** -1 without reading anything for a call that was not measured (or could not be). */
    private static long allocatedSince(long allocatedAtEnter) {
        if (allocatedAtEnter < 0) {
            return -1L;
        }
        long now = HeapGuard.currentThreadAllocatedBytes();
        return now < allocatedAtEnter ? -1L : now - allocatedAtEnter;
    }

    @Override
    public void releaseWhenComplete(Object call, Object returned, Throwable thrown) {
        if (!(call instanceof WovenCall woven)) {
            return;
        }
        if (thrown != null || !(returned instanceof CompletionStage<?> stage) || isDone(stage)) {
            release(woven); // nothing left to wait for: no tracked reservation, no callback, nothing allocated
            return;
        }
        Reservation reservation = null;
        try {
            ThreadCalls thread = woven.thread;
            thread.releaseAbove(woven, guard);
            // leak-tracked from here: a stage that never completes is reported after leakAge
            reservation = guard.track(woven.slot);
            thread.forget(woven);
            Reservation tracked = reservation;
            stage.whenComplete((value, error) -> tracked.close());
        } catch (RuntimeException e) {
            guard.recordInternalError("track " + woven.method.displayName(), e);
            if (reservation != null) {
                reservation.close();
            } else {
                release(woven);
            }
        }
    }

    /** A future that completed before it was returned (a cache hit, say); other stages are never asked. */
    private static boolean isDone(CompletionStage<?> stage) {
        return stage instanceof CompletableFuture<?> future && future.isDone();
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
