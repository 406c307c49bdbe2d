package io.heapguard.core;

import static io.heapguard.core.TestGuards.MIB;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The end-of-test check really catches a held reservation, and names what is held. */
class TestGuardsTest {

    @Test
    void heldReservation_failsTheCheck_namingOperationAndBytes() {
        try (TestGuards unregistered = new TestGuards()) {
            HeapGuard guard = unregistered.guard(TestGuards.config());
            OperationHandle search = guard.operation("search");
            long reserved = guard.acquire(search, MIB, 0, 0);

            assertThatThrownBy(unregistered::assertAllReleased)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("budget: reserved 1048576 bytes")
                    .hasMessageContaining("operation 'search': inFlight 1, reserved 1048576 bytes");

            guard.release(search, reserved, -1);
            unregistered.assertAllReleased();
        }
    }

    @Test
    void callInFlightHoldingNoBytes_failsTheCheck() {
        try (TestGuards unregistered = new TestGuards()) {
            HeapGuard guard = unregistered.guard(TestGuards.config().operationMaxConcurrent("export", 1));
            OperationHandle export = guard.operation("export");
            long reserved = guard.acquire(export, 1, 0, 0);

            assertThatThrownBy(unregistered::assertAllReleased)
                    .hasMessageContaining("operation 'export': inFlight 1");

            guard.release(export, reserved, -1);
        }
    }
}
