package io.heapguard.it.startup;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SummaryTest {

    private static final long MS = 1_000_000L;

    @Test
    void ofNanos_oddCount_medianIsTheMiddleValueRegardlessOfOrder() {
        Summary s = Summary.ofNanos(List.of(30 * MS, 10 * MS, 500 * MS, 20 * MS, 40 * MS));

        assertThat(s.count()).isEqualTo(5);
        assertThat(s.minMillis()).isEqualTo(10.0);
        assertThat(s.medianMillis()).isEqualTo(30.0);
        assertThat(s.maxMillis()).isEqualTo(500.0);
    }

    @Test
    void ofNanos_evenCount_medianIsTheMeanOfTheTwoMiddleValues() {
        Summary s = Summary.ofNanos(40 * MS, 10 * MS, 20 * MS, 31 * MS);

        assertThat(s.medianMillis()).isEqualTo(25.5);
    }

    @Test
    void ofNanos_singleRun_isMinMedianAndMax() {
        Summary s = Summary.ofNanos(1_500_000L);

        assertThat(s).isEqualTo(new Summary(1, 1.5, 1.5, 1.5));
    }

    @Test
    void ofNanos_noRuns_isRejected() {
        assertThatThrownBy(() -> Summary.ofNanos(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
