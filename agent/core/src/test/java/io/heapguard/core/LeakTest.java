package io.heapguard.core;

import static io.heapguard.core.TestGuards.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapguard.Reservation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LeakTest {

    @RegisterExtension
    final TestGuards guards = new TestGuards();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    private String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void reserve_heldPastLeakAge_isCountedReportedAndReturnedToBudget() {
        HeapGuard guard = guards.guard(TestGuards.config().leakAge(Duration.ofSeconds(10)));
        Reservation r = guard.reserve("bulk-index", 20 * MIB, 0, 0);
        guards.clock.advance(Duration.ofSeconds(9));
        guard.sampleOnce();
        assertThat(guard.leaks().leaks()).isZero();

        guards.clock.advance(Duration.ofSeconds(1));
        guard.sampleOnce();

        assertThat(guard.leaks().leaks()).isEqualTo(1);
        assertThat(guard.budget().reservedBytes()).isZero();
        assertThat(guard.operation("bulk-index").inFlight()).isZero();
        assertThat(stderr()).contains("[heapguard] leaked reservation: 20.0 MiB for 'bulk-index' created at "
                + "io.heapguard.core.LeakTest.reserve_heldPastLeakAge_isCountedReportedAndReturnedToBudget(LeakTest.java:");
        assertThat(stderr()).contains("held longer than leakAge");

        r.close(); // late close after the leak was reported: nothing more is released
        assertThat(guard.budget().reservedBytes()).isZero();
        assertThat(guard.operation("bulk-index").inFlight()).isZero();
    }

    @Test
    void reserve_closedTwice_releasesOnce() {
        HeapGuard guard = guards.guard(TestGuards.config());
        Reservation keep = guard.reserve("bulk-index", 10 * MIB, 0, 0);
        Reservation r = guard.reserve("bulk-index", 20 * MIB, 0, 0);

        r.close();
        r.close();

        assertThat(guard.budget().reservedBytes()).isEqualTo(10 * MIB);
        assertThat(guard.operation("bulk-index").inFlight()).isEqualTo(1);
        assertThat(guard.leaks().tracked()).isEqualTo(1);
        keep.close();
        assertThat(guard.budget().reservedBytes()).isZero();
    }

    @Test
    void reserve_droppedWithoutClose_isReportedWhenCollected() {
        HeapGuard guard = guards.guard(TestGuards.config());
        reserveAndForget(guard);
        assertThat(guard.budget().reservedBytes()).isEqualTo(7 * MIB);

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            System.gc();
            return guard.leaks().leaks() == 1;
        });

        assertThat(guard.budget().reservedBytes()).isZero();
        assertThat(guard.operation("forgotten").inFlight()).isZero();
        assertThat(stderr()).contains("7.0 MiB for 'forgotten' created at io.heapguard.core.LeakTest.reserveAndForget",
                "garbage collected without being closed");
    }

    @Test
    void leaksFromOneSite_areLoggedOnceButAllCounted() {
        HeapGuard guard = guards.guard(TestGuards.config().leakAge(Duration.ofSeconds(1)));
        for (int i = 0; i < 3; i++) {
            guard.reserve("bulk-index", MIB, 0, 0);
        }
        guards.clock.advance(Duration.ofSeconds(2));

        guard.sampleOnce();

        assertThat(guard.leaks().leaks()).isEqualTo(3);
        assertThat(stderr().split("leaked reservation", -1)).hasSize(2);
    }

    @Test
    void track_wrapsAcquiredBytes_closeReleasesThem() {
        HeapGuard guard = guards.guard(TestGuards.config());
        OperationHandle op = guard.operation("async-search");
        long acquired = guard.acquire(op, 3 * MIB, 0, 0);

        Reservation r = guard.track(op, acquired);

        assertThat(r.bytes()).isEqualTo(3 * MIB);
        assertThat(r.operation()).isEqualTo("async-search");
        r.close();
        assertThat(op.inFlight()).isZero();
        assertThat(guard.budget().reservedBytes()).isZero();
    }

    @Test
    void track_zeroBytes_isANoOp() {
        HeapGuard guard = guards.guard(TestGuards.config());

        Reservation r = guard.track(guard.operation("async-search"), 0);
        r.close();

        assertThat(r.bytes()).isZero();
        assertThat(guard.leaks().tracked()).isZero();
    }

    @Test
    void leak_ofReservationWithoutRecordedSite_namesOperationAndItsLastRecordedSite() {
        HeapGuard guard = guards.guard(TestGuards.config());
        reserveAndClose(guard, "bulk-index"); // an operation's first reservation records its site
        OperationHandle op = guard.operation("bulk-index");
        long acquired = guard.acquire(op, 5 * MIB, 0, 0);
        TrackedReservation.State unsampled = new TrackedReservation.State(new TrackedReservation(), null, guard.leaks(), op, acquired, 0L, null);

        assertThat(unsampled.claim()).isTrue();
        guard.leaks().leaked(unsampled, "was held longer than leakAge");

        assertThat(guard.leaks().leaks()).isEqualTo(1);
        assertThat(guard.budget().reservedBytes()).isZero();
        assertThat(op.inFlight()).isZero();
        assertThat(stderr()).contains("5.0 MiB for 'bulk-index' created at an unrecorded site (one reservation in "
                + LeakTracker.SITE_SAMPLE_ONE_IN + " records its site; last recorded site for 'bulk-index': "
                + "io.heapguard.core.LeakTest.reserveAndClose(LeakTest.java:");
    }

    private static void reserveAndClose(HeapGuard guard, String operation) {
        guard.reserve(operation, MIB, 0, 0).close();
    }

    private static void reserveAndForget(HeapGuard guard) {
        guard.reserve("forgotten", 7 * MIB, 0, 0);
    }
}
