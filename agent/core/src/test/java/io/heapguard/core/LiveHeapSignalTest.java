package io.heapguard.core;

import static io.heapguard.core.TestGuards.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.heapguard.MemoryGuardException;
import io.heapguard.MemoryGuardException.Reason;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live heap figure: partial collections are upper bounds, complete ones are evidence; the
 * guard confirms growth before it refuses a call because of it, confirms early when usage reaches
 * the critical threshold, and reports pressure with hysteresis. Budget 100 MiB, thresholds
 * 75 / 85 / 90 MiB.
 */
class LiveHeapSignalTest {

    private static final Duration CALM = Duration.ofNanos(PressureTracker.MIN_CALM_NANOS);

    @RegisterExtension
    final TestGuards guards = new TestGuards();

    @Test
    void partialReading_growthIsGarbage_callIsConfirmedThenAdmitted() {
        HeapGuard guard = guards.guard(TestGuards.config());
        guards.signal.liveAfterRequestedGc = 20 * MIB;       // what a complete collection finds
        guard.onGcReading(20 * MIB, CollectionKind.COMPLETE);
        guard.onGcReading(95 * MIB, CollectionKind.PARTIAL); // old garbage promoted since

        OperationHandle op = guard.operation("search");
        long reserved = guard.acquire(op, 40 * MIB, 0, 0);
        assertThat(reserved).isEqualTo(40 * MIB);
        // the cleanup's own collection may land after the admission: the scripted figure leaves out
        // what the call holds, which the budget then takes away from it
        assertThat(guard.budget().baselineBytes()).as("the confirmed figure replaced the partial one")
                .isLessThanOrEqualTo(20 * MIB);
        assertThat(guard.budget().unconfirmedBytes()).isZero();
        assertThat(op.rejected(Reason.MEMORY_PRESSURE_TOO_HIGH) + op.rejected(Reason.INSUFFICIENT_MEMORY)).isZero();
        guard.release(op, reserved, -1);
    }

    @Test
    void partialReading_noConfirmationInTime_decidesOnTheLastCompleteCollection() {
        HeapGuard guard = guards.guard(TestGuards.config());
        guards.signal.liveAfterRequestedGc = 20 * MIB;
        guard.onGcReading(20 * MIB, CollectionKind.COMPLETE);
        guard.onGcReading(60 * MIB, CollectionKind.PARTIAL);
        guard.onGcReading(20 * MIB, CollectionKind.COMPLETE); // such growth was garbage last time
        guards.signal.collectionMillis = 2_000; // a loaded machine: the confirmation is slow
        guard.onGcReading(95 * MIB, CollectionKind.PARTIAL);

        OperationHandle op = guard.operation("search");
        long reserved = guard.acquire(op, 40 * MIB, 0, 50);
        assertThat(reserved).as("waits 50 ms, its own maxWait").isEqualTo(40 * MIB);
        assertThat(guard.snapshot().signal().admittedUnconfirmed()).isEqualTo(1);
        MemoryGuardException e = catchThrowableOfType(MemoryGuardException.class,
                () -> guard.acquire(op, 40 * MIB, 0, 50));
        assertThat(e).as("20 confirmed + 40 + 40 > 90: refused on evidence").isNotNull();
        guard.release(op, reserved, -1);
    }

    @Test
    void pressure_unconfirmedGrowth_doesNotRaiseTheLevel_norRunTheCleanupHooks() {
        HeapGuard guard = guards.guard(TestGuards.config());
        java.util.concurrent.atomic.AtomicInteger hookRuns = new java.util.concurrent.atomic.AtomicInteger();
        guard.registerCleanupHook("cache", hookRuns::incrementAndGet);
        guards.signal.collectionMillis = 500;
        guards.signal.liveAfterRequestedGc = 20 * MIB;
        guard.onGcReading(20 * MIB, CollectionKind.COMPLETE);
        guard.onGcReading(60 * MIB, CollectionKind.PARTIAL);
        guard.onGcReading(20 * MIB, CollectionKind.COMPLETE); // such growth was garbage last time

        guard.onGcReading(95 * MIB, CollectionKind.PARTIAL);

        assertThat(guard.pressure()).isEqualTo(Pressure.NORMAL);
        await().until(() -> guard.snapshot().signal().confirmations() == 1);
        assertThat(guard.pressure()).isEqualTo(Pressure.NORMAL);
        assertThat(hookRuns).hasValue(0);
        assertThat(guard.cleanup().runs()).isZero();
    }

    @Test
    void partialReading_noConfirmationInTime_growthFoundRealLastTime_isRefused() {
        HeapGuard guard = guards.guard(TestGuards.config());
        guard.onGcReading(20 * MIB, CollectionKind.COMPLETE);
        guard.onGcReading(60 * MIB, CollectionKind.PARTIAL);
        guard.onGcReading(58 * MIB, CollectionKind.COMPLETE); // a cache filling up: the growth was real
        guards.signal.collectionMillis = 2_000;
        guard.onGcReading(95 * MIB, CollectionKind.PARTIAL);

        MemoryGuardException e = catchThrowableOfType(MemoryGuardException.class,
                () -> guard.acquire(guard.operation("search"), 20 * MIB, 0, 50));

        assertThat(e).as("not waved through on the last complete collection's figure").isNotNull();
        assertThat(guard.snapshot().signal().admittedUnconfirmed()).isZero();
        assertThat(guard.pressure()).as("real growth: the level follows the latest figure").isEqualTo(Pressure.CLEANUP);
    }

    @Test
    void partialReading_callTooLargeEvenForTheConfirmedLive_isRefused() {
        HeapGuard guard = guards.guard(TestGuards.config());
        guard.onGcReading(60 * MIB, CollectionKind.COMPLETE);
        guard.onGcReading(70 * MIB, CollectionKind.PARTIAL);

        MemoryGuardException e = catchThrowableOfType(MemoryGuardException.class,
                () -> guard.acquire(guard.operation("search"), 45 * MIB, 0, 0));

        assertThat(e.reason()).isEqualTo(Reason.INSUFFICIENT_MEMORY);
    }

    @Test
    void partialReading_nearThresholds_requestsConfirmation_thatShedsWhenTheGrowthIsLive() {
        HeapGuard guard = guards.guard(TestGuards.config());
        guard.onGcReading(20 * MIB, CollectionKind.COMPLETE);
        guards.signal.liveAfterRequestedGc = 95 * MIB; // the growth is real: a cache filled up

        guard.onGcReading(95 * MIB, CollectionKind.PARTIAL);

        await().until(() -> guard.snapshot().signal().confirmations() >= 1);
        assertThat(guard.budget().unconfirmedBytes()).isZero();
        MemoryGuardException e = catchThrowableOfType(MemoryGuardException.class,
                () -> guard.acquire(guard.operation("search"), 10 * MIB, 0, 0));
        assertThat(e.reason()).isEqualTo(Reason.INSUFFICIENT_MEMORY);
    }

    @Test
    void partialReading_farBelowThresholds_requestsNoConfirmation() {
        HeapGuard guard = guards.guard(TestGuards.config());
        guard.onGcReading(20 * MIB, CollectionKind.COMPLETE);

        guard.onGcReading(60 * MIB, CollectionKind.PARTIAL);

        assertThat(guards.signal.gcRequests.get()).isZero();
    }

    @Test
    void partialReading_lowerThanConfirmed_lowersTheConfirmedBaseline() {
        HeapGuard guard = guards.guard(TestGuards.config());
        guard.onGcReading(50 * MIB, CollectionKind.COMPLETE);

        guard.onGcReading(30 * MIB, CollectionKind.PARTIAL); // live data shrank: the upper bound proves it
        guard.onGcReading(45 * MIB, CollectionKind.PARTIAL);

        assertThat(guard.budget().baselineBytes()).isEqualTo(45 * MIB);
        assertThat(guard.budget().confirmedBaselineBytes()).isEqualTo(30 * MIB);
        assertThat(guard.budget().unconfirmedBytes()).isEqualTo(15 * MIB);
    }

    @Test
    void concurrentCycle_whatWasAllocatedDuringIt_isNotCountedAsLive() {
        HeapGuard guard = guards.guard(TestGuards.config());

        guard.onGcReading(80 * MIB, 50 * MIB, CollectionKind.COMPLETE); // ZGC: 50 MiB allocated while it ran

        assertThat(guard.budget().baselineBytes()).isEqualTo(30 * MIB);
    }

    @Test
    void noCompleteCollectionYet_refusedCallWaitsForConfirmation_andIsAdmittedWhenItFits() {
        HeapGuard guard = guards.guard(TestGuards.config());
        guards.signal.liveAfterRequestedGc = 10 * MIB;
        guard.onGcReading(95 * MIB, CollectionKind.PARTIAL); // only young collections so far

        OperationHandle op = guard.operation("search");
        long reserved = guard.acquire(op, 30 * MIB, 0, 0);
        assertThat(reserved).isEqualTo(30 * MIB);
        assertThat(guards.signal.gcRequests.get()).isPositive();
        // the cleanup's own collection may land after the admission: the scripted figure leaves out
        // what the call holds, which the budget then takes away from it
        assertThat(guard.budget().baselineBytes()).as("the confirmed figure replaced the partial one")
                .isLessThanOrEqualTo(10 * MIB);
        assertThat(guard.budget().unconfirmedBytes()).isZero();
        guard.release(op, reserved, -1);
    }

    @Test
    void confirmationUnavailable_fallsBackToTheUpperBound_andSheds() {
        HeapGuard guard = guards.guard(TestGuards.config());
        guards.signal.liveAfterRequestedGc = -1; // System.gc() runs no complete collection
        guard.onGcReading(95 * MIB, CollectionKind.PARTIAL);

        MemoryGuardException e = catchThrowableOfType(MemoryGuardException.class,
                () -> guard.acquire(guard.operation("search"), 10 * MIB, 0, 0));

        assertThat(e).isNotNull();
        assertThat(guard.snapshot().signal().confirmationAvailable()).isFalse();
        assertThat(guard.budget().baselineBytes()).isEqualTo(95 * MIB);
    }

    @Test
    void confirmations_areRateLimited() {
        HeapGuard guard = guards.guard(TestGuards.config());
        guards.signal.liveAfterRequestedGc = 20 * MIB;
        guard.onGcReading(20 * MIB, CollectionKind.COMPLETE);

        guard.onGcReading(95 * MIB, CollectionKind.PARTIAL);
        await().until(() -> guard.snapshot().signal().confirmations() >= 1);
        long before = guards.signal.gcRequests.get();
        guard.onGcReading(95 * MIB, CollectionKind.PARTIAL);
        guard.onGcReading(95 * MIB, CollectionKind.PARTIAL);
        assertThat(guards.signal.gcRequests.get()).as("within the minimum interval").isEqualTo(before);

        guards.clock.advance(Duration.ofNanos(LiveHeapConfirmer.MIN_INTERVAL_NANOS));
        guard.onGcReading(95 * MIB, CollectionKind.PARTIAL);
        await().until(() -> guards.signal.gcRequests.get() == before + 1);
    }

    @Test
    void pressure_leavesALevelOnlyAMarginBelowItsThreshold_afterItStayedThere() {
        HeapGuard guard = guards.guard(TestGuards.config());
        guard.onLiveHeapAfterGc(91 * MIB);
        assertThat(guard.pressure()).isEqualTo(Pressure.CLEANUP);

        guard.onLiveHeapAfterGc(89 * MIB); // below 90, within the 5 MiB margin
        guards.clock.advance(CALM);
        assertThat(guard.pressure()).isEqualTo(Pressure.CLEANUP);
        guard.onLiveHeapAfterGc(84 * MIB); // 84 + 5 = 89: critical, once it stays there
        assertThat(guard.pressure()).isEqualTo(Pressure.CLEANUP);
        guards.clock.advance(CALM);
        assertThat(guard.pressure()).isEqualTo(Pressure.CRITICAL);
        guard.onLiveHeapAfterGc(60 * MIB);
        guards.clock.advance(CALM);
        assertThat(guard.pressure()).isEqualTo(Pressure.NORMAL);
        guard.onLiveHeapAfterGc(86 * MIB); // entering is immediate
        assertThat(guard.pressure()).isEqualTo(Pressure.CRITICAL);
    }

    @Test
    void pressure_readingAboveTheMarginInBetween_restartsTheCalmPeriod() {
        HeapGuard guard = guards.guard(TestGuards.config());
        guard.onLiveHeapAfterGc(91 * MIB);
        guard.onLiveHeapAfterGc(50 * MIB);
        guards.clock.advance(CALM.dividedBy(2));
        guard.onLiveHeapAfterGc(88 * MIB); // back within the margin
        guard.onLiveHeapAfterGc(50 * MIB);
        guards.clock.advance(CALM.dividedBy(2));

        assertThat(guard.pressure()).isEqualTo(Pressure.CLEANUP);
        guards.clock.advance(CALM);
        assertThat(guard.pressure()).isEqualTo(Pressure.NORMAL);
    }

    @Test
    void pressureChanges_flappingSignal_logsAtMostOneLinePerInterval() {
        HeapGuard guard = guards.guard(TestGuards.config());
        for (int i = 0; i < 20; i++) {
            guard.onLiveHeapAfterGc(95 * MIB);
            guard.onLiveHeapAfterGc(10 * MIB);
            guards.clock.advance(CALM);
            guard.pressure();
        }

        StatsSnapshotAssert signal = new StatsSnapshotAssert(guard);
        assertThat(signal.transitions()).isEqualTo(40);
        assertThat(signal.suppressed()).as("logged at 0, 10, 20, 30 and 40 s only").isEqualTo(35);
    }

    /** Reads the signal section of the guard's stats. */
    private record StatsSnapshotAssert(HeapGuard guard) {
        long transitions() {
            return guard.snapshot().signal().pressureTransitions();
        }

        long suppressed() {
            return guard.snapshot().signal().pressureLogsSuppressed();
        }
    }
}
