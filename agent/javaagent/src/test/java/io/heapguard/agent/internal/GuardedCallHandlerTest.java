package io.heapguard.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.heapguard.core.GuardConfig;
import io.heapguard.core.HeapGuard;
import io.heapguard.core.OperationHandle;

/**
 * The handler's per-thread record of guarded calls: a call whose exit or enter was cut short (a
 * StackOverflowError in the guard) is still released exactly once; estimates run with guards suspended.
 */
class GuardedCallHandlerTest {

    private static final long BUDGET_BYTES = 256L * 1024 * 1024;
    private static final long CALL_BYTES = 4096;

    private HeapGuard guard;
    private IdRegistry<GuardedMethod> methods;
    private GuardedCallHandler handler;

    @BeforeEach
    void start() {
        guard = HeapGuard.start(GuardConfig.builder(Runtime.getRuntime().maxMemory()).maxHeapBytes(BUDGET_BYTES).build());
        methods = new IdRegistry<>();
        handler = new GuardedCallHandler(guard, methods, new PressureHooks(guard));
    }

    @AfterEach
    void stop() {
        guard.close();
    }

    @Test
    void release_outerCall_alsoReleasesInnerCallsWhoseExitNeverRan() {
        int id = method("nested", new FixedEstimate(CALL_BYTES));
        Object outer = handler.acquire(id, null);
        handler.acquire(id, null);
        handler.acquire(id, null); // two inner calls whose exit advice was struck down

        assertThat(guard.stats().inFlight()).isEqualTo(3);
        handler.release(outer);

        assertThat(guard.stats().inFlight()).isZero();
        assertThat(guard.stats().reservedBytes()).isZero();
        assertThat(guard.stats().admitted()).isEqualTo(3);
        handler.release(outer); // a repeated exit changes nothing
        assertThat(guard.stats().reservedBytes()).isZero();
    }

    @Test
    void acquire_afterAnAdmissionNeverHandedToItsFrame_releasesThatOneFirst() {
        int id = method("pending", new FixedEstimate(CALL_BYTES));
        ThreadCalls thread = new ThreadCalls();
        // an enter advice that reserved and then died before returning the call
        WovenCall abandoned = thread.push(methods.get(id));
        guard.acquire(methods.get(id).operation(), CALL_BYTES, 0, 0, abandoned.slot);
        assertThat(guard.stats().reservedBytes()).isEqualTo(CALL_BYTES);

        thread.releasePending(guard);

        assertThat(guard.stats().reservedBytes()).isZero();
        assertThat(guard.stats().inFlight()).isZero();
        assertThat(thread.depth()).isZero();
    }

    @Test
    void estimate_callingAGuardedMethod_nestedCallNeitherAdmittedNorAnError() {
        int accessor = method("accessor", new FixedEstimate(2 * CALL_BYTES));
        AtomicReference<Object> nested = new AtomicReference<>("not called");
        int outer = method("outer", new CallEstimator() {
            @Override
            public long estimate(Object[] arguments) {
                Object call = handler.acquire(accessor, null); // what a guarded accessor's enter advice does
                nested.set(call);
                handler.release(call);
                return CALL_BYTES;
            }

            @Override
            public boolean needsArguments() {
                return true;
            }
        });

        Object call = handler.acquire(outer, new Object[0]);

        assertThat(nested.get()).as("the nested call holds nothing").isNull();
        assertThat(guard.stats().admitted()).isEqualTo(1);
        assertThat(guard.stats().reservedBytes()).isEqualTo(CALL_BYTES);
        assertThat(guard.stats().internalErrors()).isZero();
        handler.release(call);
        assertThat(guard.stats().reservedBytes()).isZero();
    }

    @Test
    void estimate_throwing_countedOnce_callAdmittedWithDefault_guardsResumeAfterwards() {
        int failing = method("failing", new CallEstimator() {
            @Override
            public long estimate(Object[] arguments) {
                throw new IllegalStateException("estimate failed on purpose");
            }

            @Override
            public boolean needsArguments() {
                return true;
            }
        });
        int plain = method("plain", new FixedEstimate(CALL_BYTES));

        handler.release(handler.acquire(failing, new Object[0]));
        Object after = handler.acquire(plain, null);

        assertThat(guard.stats().internalErrors()).isEqualTo(1);
        assertThat(guard.stats().reservedBytes()).as("not suspended any more").isEqualTo(CALL_BYTES);
        handler.release(after);
    }

    private int method(String name, CallEstimator estimator) {
        OperationHandle operation = guard.operation(name);
        return methods.register(id -> new GuardedMethod(id, "Test#" + name + "()", operation, 0, 0L, estimator,
                false, null, null, RejectionTranslator.SAME_CLASS));
    }
}
