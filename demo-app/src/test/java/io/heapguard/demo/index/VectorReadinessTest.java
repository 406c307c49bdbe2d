package io.heapguard.demo.index;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The vector build's state machine: BUILDING -> READY or FAILED, and nothing after. */
class VectorReadinessTest {

    @Test
    void building_advancesAndCompletes() {
        VectorReadiness building = VectorReadiness.building(300);
        assertThat(building.state()).isEqualTo(VectorState.BUILDING);
        assertThat(building.vectorsReady()).isFalse();

        VectorReadiness advanced = building.advancedTo(100, 20);
        assertThat(advanced.docsDone()).isEqualTo(100);
        assertThat(advanced.etaSeconds()).isEqualTo(20);

        VectorReadiness ready = advanced.completed();
        assertThat(ready.state()).isEqualTo(VectorState.READY);
        assertThat(ready.vectorsReady()).isTrue();
        assertThat(ready.docsDone()).isEqualTo(300);
        assertThat(ready.docsTotal()).isEqualTo(300);
    }

    @Test
    void building_fails_keepingProgressAndReason() {
        VectorReadiness failed = VectorReadiness.building(300).advancedTo(100, 5).failed("IOException: disk full");
        assertThat(failed.state()).isEqualTo(VectorState.FAILED);
        assertThat(failed.vectorsReady()).isFalse();
        assertThat(failed.docsDone()).isEqualTo(100);
        assertThat(failed.failure()).isEqualTo("IOException: disk full");
    }

    @Test
    void readyAndFailed_areFinal() {
        VectorReadiness ready = VectorReadiness.ready(10);
        VectorReadiness failed = VectorReadiness.building(10).failed("x");
        for (VectorReadiness last : new VectorReadiness[] {ready, failed}) {
            assertThatThrownBy(last::completed).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> last.failed("again")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> last.advancedTo(10, 0)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void progress_neverGoesBackNorPastTheTotal() {
        VectorReadiness advanced = VectorReadiness.building(300).advancedTo(100, 5);
        assertThatThrownBy(() -> advanced.advancedTo(50, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> advanced.advancedTo(301, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inconsistentSnapshots_areRefused() {
        assertThatThrownBy(() -> new VectorReadiness(VectorState.READY, 1, 2, 0, "why"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VectorReadiness(VectorState.FAILED, 1, 2, -1, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VectorReadiness(VectorState.BUILDING, 3, 2, -1, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryAfter_followsTheEtaWithinBounds_andOnlyWhileBuilding() {
        assertThat(VectorReadiness.building(300).retryAfterSeconds())
                .isEqualTo(VectorReadiness.UNKNOWN_ETA_RETRY_SECONDS);
        assertThat(VectorReadiness.building(300).advancedTo(100, 25).retryAfterSeconds()).isEqualTo(25);
        assertThat(VectorReadiness.building(300).advancedTo(100, 0).retryAfterSeconds()).isEqualTo(1);
        assertThat(VectorReadiness.building(300).advancedTo(1, 5_000).retryAfterSeconds())
                .isEqualTo(VectorReadiness.MAX_RETRY_SECONDS);
        assertThat(VectorReadiness.ready(3).retryAfterSeconds()).isEqualTo(-1);
        assertThat(VectorReadiness.building(3).failed("x").retryAfterSeconds()).isEqualTo(-1);
    }
}
