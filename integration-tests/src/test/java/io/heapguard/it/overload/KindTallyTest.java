package io.heapguard.it.overload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A batch served to a slow reader and cut off while it was still being read counts as served, not as ok. */
class KindTallyTest {

    @Test
    void cutOffMidAnswer_isServedButNotOk_cutOffBeforeAnAnswerIsNeither() {
        KindTally tally = new KindTally();
        tally.recordSent();
        tally.record(new HttpOutcome(200, new byte[0], 10, true, 1_000_000, null));
        tally.recordSent();
        tally.recordCutOff(true);
        tally.recordSent();
        tally.recordCutOff(false);

        KindCounts counts = tally.snapshot(OverloadKind.VECTOR_BATCH);

        assertThat(counts.ok()).isEqualTo(1);
        assertThat(counts.cutOff()).isEqualTo(2);
        assertThat(counts.cutOffMidAnswer()).isEqualTo(1);
        assertThat(counts.served()).isEqualTo(2);
    }
}
