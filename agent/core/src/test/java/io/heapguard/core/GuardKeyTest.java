package io.heapguard.core;

import static io.heapguard.core.TestGuards.JVM_MAX_HEAP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The key descriptors are the configuration's one list: their defaults are the builder's, their names parse. */
class GuardKeyTest {

    @Test
    void everyDefaultText_readsAsTheBuildersDefault() {
        String defaults = GuardConfig.builder(JVM_MAX_HEAP).build().toString();
        for (GuardKey key : GuardKey.values()) {
            if (key.defaultText() == null) {
                continue; // computed by build()
            }
            GuardConfig fromText = GuardConfig.fromSettings(Map.of(key.key(), key.defaultText()), JVM_MAX_HEAP);
            assertThat(fromText.toString()).as("%s=%s", key.key(), key.defaultText()).isEqualTo(defaults);
        }
    }

    @Test
    void everyKey_isAGuardKey_andABadValueNamesIt() {
        for (GuardKey key : GuardKey.values()) {
            assertThat(GuardConfig.isGuardKey(key.key())).isTrue();
            assertThatThrownBy(() -> GuardConfig.fromSettings(Map.of(key.key(), "%%bad"), JVM_MAX_HEAP))
                    .isInstanceOf(ConfigException.class).hasMessageContaining(key.key()).hasMessageContaining("%%bad");
        }
    }

    @Test
    void operationKeys_readIntoThatOperation_andAnUnknownLimitListsTheKnownOnes() {
        GuardConfig config = GuardConfig.fromSettings(Map.of(
                GuardKey.OperationKey.MAX_IN_FLIGHT.keyFor("search.vector"), "8m",
                GuardKey.OperationKey.MAX_CONCURRENT.keyFor("search.vector"), "3"), JVM_MAX_HEAP);

        assertThat(config.operation("search.vector").maxInFlightBytes()).isEqualTo(8L << 20);
        assertThat(config.operation("search.vector").maxConcurrent()).isEqualTo(3);
        assertThatThrownBy(() -> GuardConfig.fromSettings(Map.of("operations.search.maxInFlite", "8m"), JVM_MAX_HEAP))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("operations.<operation>.maxPerCall|maxInFlight|maxConcurrent|defaultEstimate");
    }
}
