package io.heapguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemoryGuardWithoutAgentTest {

    @Test
    void reserve_withoutCore_admitsAnySize() {
        try (Reservation r = MemoryGuard.reserve("bulk-index", Long.MAX_VALUE)) {
            assertThat(r.bytes()).isEqualTo(Long.MAX_VALUE);
            assertThat(r.operation()).isEqualTo("bulk-index");
        }
        assertThat(MemoryGuard.isActive()).isFalse();
        assertThat(MemoryGuard.stats().active()).isFalse();
    }

    @Test
    void reserve_negativeBytes_namesValue() {
        assertThatThrownBy(() -> MemoryGuard.reserve("op", -5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-5").hasMessageContaining("op");
    }

    @Test
    void reserve_blankOperation_rejected() {
        assertThatThrownBy(() -> MemoryGuard.reserve(" ", 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("operation");
    }

    @Test
    void exception_messageCarriesNumbersInHumanUnits() {
        MemoryGuardException e = new MemoryGuardException(MemoryGuardException.Reason.INSUFFICIENT_MEMORY,
                "search", 3L << 20, 1L << 20, 64L << 20, "top consumers: search 10.0 MiB");
        assertThat(e.getMessage())
                .contains("'search'", "INSUFFICIENT_MEMORY", "3.0 MiB", "1.0 MiB", "64.0 MiB", "top consumers");
        assertThat(e.reason()).isEqualTo(MemoryGuardException.Reason.INSUFFICIENT_MEMORY);
        assertThat(e.requestedBytes()).isEqualTo(3L << 20);
    }
}
