package io.heapguard.agent.internal;

import static io.heapguard.agent.internal.WovenSamples.classFile;
import static io.heapguard.agent.internal.WovenSamples.internalName;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.heapguard.agent.internal.WovenSamples.ChildFirstLoader;
import io.heapguard.agent.internal.samples.HotPathCalls;
import io.heapguard.agent.internal.samples.HotPathSamples;
import io.heapguard.core.GuardConfig;
import io.heapguard.core.HeapGuard;

/**
 * An admitted woven call allocates nothing, whatever the estimate form: the woven copy of
 * {@link HotPathSamples} is called directly (through its interface, no reflection) many times and the
 * calling thread's allocation counter must not move by more than measurement noise. One boxed value
 * or argument array per call would show up as megabytes here.
 */
class WovenAllocationTest {

    private static final int CALLS = 200_000;
    /** Far below one object per call (16 B x 200k = 3.2 MB); covers a TLAB refill or a JIT-time allocation. */
    private static final long NOISE_BYTES = 64 * 1024;
    private static final long BUDGET_BYTES = 1L << 30;

    private HeapGuard guard;

    @BeforeEach
    void startGuard() {
        guard = HeapGuard.start(GuardConfig.builder(Runtime.getRuntime().maxMemory())
                .maxHeapBytes(BUDGET_BYTES).maxPerCallBytes(BUDGET_BYTES / 4).build());
        weaver = WovenSamples.installWeaver(guard);
    }

    private ClassWeaver weaver;

    @AfterEach
    void stopGuard() {
        WovenSamples.uninstallAndCheckNothingHeld(guard);
    }

    @Test
    void admittedCalls_everyEstimateForm_allocateNothing() throws Exception {
        HotPathCalls calls = wovenCalls();
        int[] data = new int[256];
        HotPathSamples.Query query = new HotPathSamples.Query(1000);
        Object other = new Object();

        // values outside the small-value caches: boxing any of them would allocate
        assertNoAllocation("bytes", c -> c.fixed(1000, data, 5000L), calls);
        assertNoAllocation("one primitive term", c -> c.onePrimitive(1000, data, 5000L), calls);
        assertNoAllocation("three terms", c -> c.threeTerms(1000, data, 5000L), calls);
        assertNoAllocation("every primitive kind", c -> c.allKinds(true, (byte) 100, 'x', (short) 1000, 1000, 5000L,
                1000.5f, 2000.25, other), calls);
        assertNoAllocation("property", c -> c.property(query), calls);
        assertNoAllocation("onReject=FALLBACK", c -> c.withFallback(1000, data, 5000L), calls);
        assertNoAllocation("onReject=WAIT", c -> c.withWait(1000, data, 5000L), calls);
        assertNoAllocation("estimator over references", c -> c.estimator("text", other), calls);
        assertNoAllocation("completed CompletableFuture", c -> c.completed(1000).join(), calls);

        assertThat(guard.stats().rejected()).isZero();
        assertThat(guard.stats().internalErrors()).isZero();
        assertThat(guard.operation("hot.allKinds").estimatedBytes())
                .as("every kind read from the frame: 100 + 1000 + 1000 + 5000 + 1000.5 + 2000.25 rounded up, per call")
                .isEqualTo(10_101L * guard.operation("hot.allKinds").admitted());
    }

    @Test
    void rejectedCall_fallbackGetsEveryArgumentBackWithItsOwnType() throws Exception {
        HotPathCalls calls = wovenCalls();
        long tooLarge = BUDGET_BYTES; // over maxPerCall: rejected, so the fallback runs

        String result = calls.allKindsFallback(true, (byte) -7, 'x', (short) -1000, 123_456, tooLarge, 1.5f, -2.25, "obj");

        assertThat(result).isEqualTo("true -7 x -1000 123456 " + tooLarge + " 1.5 -2.25 obj");
        assertThat(calls.allKindsFallback(false, (byte) 1, 'y', (short) 2, 3, 4L, 5f, 6d, null)).isEqualTo("body");
        assertThat(guard.stats().rejected()).isEqualTo(1);
    }

    private void assertNoAllocation(String form, ToLongFunction<HotPathCalls> call, HotPathCalls calls) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (int i = 0; i < CALLS; i++) { // warm up: compile the woven method and the handler
            sum += call.applyAsLong(calls);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < CALLS; i++) {
            sum += call.applyAsLong(calls);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(sum).as(form + " ran").isNotZero();
        assertThat(allocated).as(form + ": bytes allocated by " + CALLS + " admitted calls").isLessThan(NOISE_BYTES);
    }

    private HotPathCalls wovenCalls() throws Exception {
        ChildFirstLoader loader = new ChildFirstLoader(getClass().getClassLoader());
        Class<?> sample = HotPathSamples.class;
        byte[] woven = weaver.weave(loader, internalName(sample), classFile(sample), null);
        assertThat(woven).as("woven").isNotNull();
        loader.add(sample.getName(), woven);
        return (HotPathCalls) loader.loadClass(sample.getName()).getDeclaredConstructor().newInstance();
    }
}
