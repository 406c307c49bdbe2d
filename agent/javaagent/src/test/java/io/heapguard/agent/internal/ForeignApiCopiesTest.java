package io.heapguard.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapguard.GuardStats;
import org.junit.jupiter.api.Test;

/** An application's own copy of GuardStats is filled by component name, whatever its shape. */
class ForeignApiCopiesTest {

    private static final GuardStats STATS = new GuardStats(true, "CRITICAL", 10, 2, 3, 4096, 1, 5, "{}");

    /** An older api copy: fewer components, another order. */
    public record OlderStats(long rejected, boolean active, long admitted) {
    }

    /** A copy with a component this version does not have. */
    public record NewerStats(boolean active, long admitted, long futureCounter, String futureText) {
    }

    @Test
    void copyOf_sameShape_everyComponentCarriedOver() throws Exception {
        assertThat(ForeignApiCopies.copyOf(STATS, GuardStats.class)).isEqualTo(STATS);
    }

    @Test
    void copyOf_olderShape_componentsMatchedByName() throws Exception {
        assertThat(ForeignApiCopies.copyOf(STATS, OlderStats.class)).isEqualTo(new OlderStats(2, true, 10));
    }

    @Test
    void copyOf_newerShape_unknownComponentsAreZero() throws Exception {
        assertThat(ForeignApiCopies.copyOf(STATS, NewerStats.class)).isEqualTo(new NewerStats(true, 10, 0, null));
    }
}
