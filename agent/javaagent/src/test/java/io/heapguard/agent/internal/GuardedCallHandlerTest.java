package io.heapguard.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.heapguard.agent.estimate.Arguments;
import io.heapguard.agent.estimate.CallEstimator;
import io.heapguard.agent.estimate.EstimateExpression;
import io.heapguard.agent.estimate.ExpressionEstimate;
import io.heapguard.agent.estimate.FixedEstimate;
import io.heapguard.bootstrap.ArgumentFrame;
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
        // the invariant after every test: nothing stays reserved
        assertThat(guard.stats().inFlight()).isZero();
        assertThat(guard.stats().reservedBytes()).isZero();
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
            public long estimate(Arguments arguments) {
                assertThat(handler.frame()).as("a nested call must not overwrite the arguments being read")
                        .isSameAs(ArgumentFrame.DISCARD);
                Object call = handler.acquire(accessor, handler.frame()); // what a guarded accessor's enter advice does
                nested.set(call);
                handler.release(call);
                return CALL_BYTES;
            }

            @Override
            public boolean needsArguments() {
                return true;
            }
        });

        Object call = handler.acquire(outer, handler.frame());

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
            public long estimate(Arguments arguments) {
                throw new IllegalStateException("estimate failed on purpose");
            }

            @Override
            public boolean needsArguments() {
                return true;
            }
        });
        int plain = method("plain", new FixedEstimate(CALL_BYTES));

        handler.release(handler.acquire(failing, handler.frame()));
        Object after = handler.acquire(plain, null);

        assertThat(guard.stats().internalErrors()).isEqualTo(1);
        assertThat(guard.stats().reservedBytes()).as("not suspended any more").isEqualTo(CALL_BYTES);
        handler.release(after);
    }

    @Test
    void acquire_expressionOverFrame_readsTypedArgumentsAndForgetsReferences() throws Exception {
        EstimateExpression expression = EstimateExpression.parse("n * 8 + len(data) + k",
                List.of("n", "data", "k"), List.of("int", "int[]", "double"));
        int id = method("framed", new ExpressionEstimate(expression), "ILD");
        ArgumentFrame frame = handler.frame();
        frame.putInt(0, 1000);
        frame.putObject(1, new int[10]);
        frame.putDouble(2, 0.5);

        Object call = handler.acquire(id, frame);

        assertThat(guard.stats().reservedBytes()).isEqualTo(8000 + 10 + 1);
        ThreadCalls thread = (ThreadCalls) frame;
        thread.reading("ILD");
        assertThat(thread.object(1)).as("the frame keeps no argument alive").isNull();
        thread.doneReading();
        handler.release(call);
        assertThat(guard.stats().reservedBytes()).isZero();
    }

    @Test
    void release_firstCallsAllMeasured_thenOnlyASampleWeightedForTheCallsItStandsFor() {
        assumeThat(HeapGuard.currentThreadAllocatedBytes()).as("the JVM measures thread allocation").isNotNegative();
        int id = method("sampled", new FixedEstimate(CALL_BYTES));
        OperationHandle op = methods.get(id).operation();

        callsAllocating(id, AllocationSampling.MEASURED_FIRST_CALLS);

        assertThat(measuredCalls("sampled")).as("every first call measured").isEqualTo(AllocationSampling.MEASURED_FIRST_CALLS);
        assertThat(op.allocatedBytes()).isGreaterThanOrEqualTo(AllocationSampling.MEASURED_FIRST_CALLS * ALLOCATED_PER_CALL);

        int calls = 64 * AllocationSampling.ONE_IN;
        long allocatedBefore = op.allocatedBytes();
        callsAllocating(id, calls);
        long sampled = measuredCalls("sampled") - AllocationSampling.MEASURED_FIRST_CALLS;
        long allocated = op.allocatedBytes() - allocatedBefore;

        // unsampled calls reported -1: not in the ratios, nothing added (P(no sample in 1024) ~ 1e-29)
        assertThat(sampled).isBetween(1L, calls - 1L);
        // each sampled call's real figure counts for ONE_IN calls (slack: array header, the reads themselves)
        assertThat(allocated).isBetween(sampled * AllocationSampling.ONE_IN * ALLOCATED_PER_CALL,
                sampled * AllocationSampling.ONE_IN * (ALLOCATED_PER_CALL + 1024));

        int other = method("other", new FixedEstimate(CALL_BYTES));
        callsAllocating(other, 1);
        assertThat(measuredCalls("other")).as("another method's first call, on the same thread").isEqualTo(1);
    }

    private static final long ALLOCATED_PER_CALL = 16 * 1024;
    /** Keeps each call's array from being optimised away. */
    static volatile Object sink;

    private void callsAllocating(int id, int calls) {
        for (int i = 0; i < calls; i++) {
            Object call = handler.acquire(id, null);
            sink = new byte[(int) ALLOCATED_PER_CALL];
            handler.release(call);
        }
    }

    /** How many calls reported an allocation: the ratios count each once, whatever its sample weight. */
    private long measuredCalls(String operation) {
        return guard.snapshot().operations().get(operation).allocatedToEstimate().count();
    }

    private int method(String name, CallEstimator estimator) {
        return method(name, estimator, "");
    }

    private int method(String name, CallEstimator estimator, String parameterKinds) {
        OperationHandle operation = guard.operation(name);
        return methods.register(id -> new GuardedMethod(id, "Test#" + name + "()", operation, 0, 0L, estimator,
                false, null, null, RejectionTranslator.SAME_CLASS, parameterKinds,
                new AllocationSampling()));
    }
}
