package io.heapguard.core;

import static io.heapguard.core.TestGuards.JVM_MAX_HEAP;
import static io.heapguard.core.TestGuards.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuardConfigTest {

    private static GuardConfig parse(String... keyValues) {
        Map<String, String> settings = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return GuardConfig.fromSettings(settings, JVM_MAX_HEAP);
    }

    private static ConfigException invalid(String key, String value) {
        return catchThrowableOfType(ConfigException.class, () -> parse(key, value));
    }

    @Test
    void defaults_matchTheDesign() {
        GuardConfig c = parse();

        assertThat(c.mode()).isEqualTo(GuardConfig.Mode.ENFORCE);
        assertThat(c.maxHeapBytes()).isEqualTo(900 * MIB);
        assertThat(c.maxPerCallBytes()).isEqualTo(225 * MIB);
        assertThat(c.warningThreshold()).isEqualTo(0.75);
        assertThat(c.criticalThreshold()).isEqualTo(0.85);
        assertThat(c.cleanupThreshold()).isEqualTo(0.90);
        assertThat(c.cleanupInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.cleanupWait()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.leakAge()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.failOpen()).isTrue();
        assertThat(c.defaultEstimateBytes()).isEqualTo(MIB);
        assertThat(c.faultRejectProbability()).isZero();
        assertThat(c.faultErrorProbability()).isZero();
        assertThat(c.operations()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "512, 512", "512b, 512", "512k, 524288", "512K, 524288", "512KB, 524288", "512kb, 524288",
            "64m, 67108864", "64MB, 67108864", "1g, 1073741824", "1GB, 1073741824", "1 g, 1073741824",
            "50%, 524288000", "12.5%, 131072000", "100%, 1048576000"})
    void maxHeap_goodSizes_parse(String text, long bytes) {
        assertThat(parse("maxHeap", text).maxHeapBytes()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"lots", "12x", "-5m", "1.5g", "''", "0", "0%", "101%", "m", "99999999999999999999"})
    void maxHeap_badValues_nameKeyValueAndAllowed(String text) {
        ConfigException e = invalid("maxHeap", text);

        assertThat(e.key()).isEqualTo("maxHeap");
        assertThat(e.value()).isEqualTo(text);
        assertThat(e.getMessage()).startsWith("invalid value '" + text + "' for 'maxHeap': expected");
    }

    @Test
    void maxHeap_badValue_messageSaysWhatIsAllowed() {
        assertThat(invalid("maxHeap", "lots")).hasMessage(
                "invalid value 'lots' for 'maxHeap': expected a size (512m, 2g) or a percentage of the max heap (70%)");
    }

    @Test
    void maxPerCall_defaultsToQuarterOfMaxHeap_andIsCappedByIt() {
        assertThat(parse("maxHeap", "400m").maxPerCallBytes()).isEqualTo(100 * MIB);
        assertThat(parse("maxHeap", "400m", "maxPerCall", "10%").maxPerCallBytes()).isEqualTo(100 * MIB);
        assertThat(parse("maxHeap", "400m", "maxPerCall", "2g").maxPerCallBytes()).isEqualTo(400 * MIB);
        assertThat(invalid("maxPerCall", "big").key()).isEqualTo("maxPerCall");
    }

    @Test
    void thresholds_goodValues_parse() {
        GuardConfig c = parse("warningThreshold", "0.5", "criticalThreshold", "0.7", "cleanupThreshold", "0.7");

        assertThat(c.warningThreshold()).isEqualTo(0.5);
        assertThat(c.criticalThreshold()).isEqualTo(0.7);
        assertThat(c.cleanupThreshold()).isEqualTo(0.7);
        assertThat(parse("cleanupThreshold", "1").cleanupThreshold()).isEqualTo(1.0);
    }

    @ParameterizedTest
    @CsvSource({"warningThreshold, 0", "warningThreshold, -0.1", "criticalThreshold, 1.5", "cleanupThreshold, high",
            "cleanupThreshold, NaN"})
    void thresholds_outOfRange_nameKeyAndValue(String key, String value) {
        ConfigException e = invalid(key, value);

        assertThat(e.key()).isEqualTo(key);
        assertThat(e.getMessage()).contains("'" + value + "'", "'" + key + "'", "expected a number above 0.0 to 1.0");
    }

    @Test
    void thresholds_outOfOrder_messageNamesBothKeys() {
        assertThatThrownBy(() -> parse("warningThreshold", "0.9"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'warningThreshold and criticalThreshold'")
                .hasMessageContaining("0.9 and 0.85")
                .hasMessageContaining("0 < warningThreshold < criticalThreshold <= cleanupThreshold <= 1");
        assertThatThrownBy(() -> parse("criticalThreshold", "0.95"))
                .hasMessageContaining("'criticalThreshold and cleanupThreshold'");
        assertThatThrownBy(() -> parse("warningThreshold", "0.85"))
                .as("warning must be strictly below critical").isInstanceOf(ConfigException.class);
    }

    @ParameterizedTest
    @CsvSource({"0ms, 0", "250ms, 250", "5s, 5000", "2m, 120000", "1h, 3600000", "10S, 10000", "3 s, 3000"})
    void durations_goodValues_parse(String text, long millis) {
        assertThat(parse("cleanupInterval", text).cleanupInterval().toMillis()).isEqualTo(millis);
        assertThat(parse("cleanupWait", text).cleanupWait().toMillis()).isEqualTo(millis);
    }

    @ParameterizedTest
    @CsvSource({"cleanupInterval, 5", "cleanupInterval, 5d", "cleanupWait, soon", "leakAge, -1s", "leakAge, 0ms"})
    void durations_badValues_nameKeyValueAndUnits(String key, String value) {
        ConfigException e = invalid(key, value);

        assertThat(e.key()).isEqualTo(key);
        assertThat(e.value()).isEqualTo(value);
        assertThat(e.allowed()).containsAnyOf("ms, s, m or h", "at least 1ms");
    }

    @Test
    void leakAge_parses() {
        assertThat(parse("leakAge", "30s").leakAge()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void mode_acceptsEnforceAndMonitorInAnyCase() {
        assertThat(parse("mode", "monitor").mode()).isEqualTo(GuardConfig.Mode.MONITOR);
        assertThat(parse("mode", "ENFORCE").mode()).isEqualTo(GuardConfig.Mode.ENFORCE);
        assertThat(invalid("mode", "observe")).hasMessage(
                "invalid value 'observe' for 'mode': expected enforce or monitor");
    }

    @Test
    void failOpen_acceptsTrueFalseOnly() {
        assertThat(parse("failOpen", "false").failOpen()).isFalse();
        assertThat(parse("failOpen", "TRUE").failOpen()).isTrue();
        assertThat(invalid("failOpen", "yes")).hasMessageContaining("'failOpen'").hasMessageContaining("true or false");
    }

    @Test
    void defaultEstimate_acceptsZeroAndSizes() {
        assertThat(parse("defaultEstimate", "0").defaultEstimateBytes()).isZero();
        assertThat(parse("defaultEstimate", "4m").defaultEstimateBytes()).isEqualTo(4 * MIB);
        assertThat(invalid("defaultEstimate", "some").key()).isEqualTo("defaultEstimate");
    }

    @Test
    void faultProbabilities_inZeroToOne() {
        assertThat(parse("fault.rejectProbability", "0.25").faultRejectProbability()).isEqualTo(0.25);
        assertThat(parse("fault.errorProbability", "1").faultErrorProbability()).isEqualTo(1.0);
        assertThat(parse("fault.errorProbability", "0").faultErrorProbability()).isZero();
        assertThat(invalid("fault.rejectProbability", "1.1")).hasMessageContaining("from 0.0 to 1.0");
        assertThat(invalid("fault.errorProbability", "often").key()).isEqualTo("fault.errorProbability");
    }

    @Test
    void operations_allFourLimits_parse() {
        GuardConfig c = parse("operations.vector-search.maxPerCall", "8m",
                "operations.vector-search.maxInFlight", "10%",
                "operations.vector-search.maxConcurrent", "4",
                "operations.vector-search.defaultEstimate", "2m",
                "operations.Export#all.maxConcurrent", "1");

        GuardConfig.OperationLimits limits = c.operation("vector-search");
        assertThat(limits.maxPerCallBytes()).isEqualTo(8 * MIB);
        assertThat(limits.maxInFlightBytes()).isEqualTo(100 * MIB);
        assertThat(limits.maxConcurrent()).isEqualTo(4);
        assertThat(limits.defaultEstimateBytes()).isEqualTo(2 * MIB);
        assertThat(c.operation("Export#all").maxConcurrent()).isEqualTo(1);
        assertThat(c.operation("Export#all").maxInFlightBytes()).isEqualTo(GuardConfig.OperationLimits.NOT_SET);
    }

    @Test
    void operations_dottedOperationName_usesLastDotForTheLimit() {
        assertThat(parse("operations.a.b.maxConcurrent", "3").operation("a.b").maxConcurrent()).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource({"operations.search.maxFoo, 1", "operations.search, 1", "operations..maxPerCall, 1m",
            "operations.search., 1"})
    void operations_unknownLimit_isRejected(String key, String value) {
        ConfigException e = invalid(key, value);

        assertThat(e.key()).isEqualTo(key);
        assertThat(e.allowed()).contains("maxPerCall", "maxInFlight", "maxConcurrent", "defaultEstimate");
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "many", "1.5"})
    void operations_maxConcurrent_mustBePositiveWholeNumber(String value) {
        assertThat(invalid("operations.search.maxConcurrent", value))
                .hasMessageContaining("'operations.search.maxConcurrent'")
                .hasMessageContaining("whole number from 1");
    }

    @Test
    void isGuardKey_ownsCoreKeysOnly() {
        assertThat(GuardConfig.isGuardKey("maxHeap")).isTrue();
        assertThat(GuardConfig.isGuardKey("fault.errorProbability")).isTrue();
        assertThat(GuardConfig.isGuardKey("operations.x.maxFoo")).isTrue();
        assertThat(GuardConfig.isGuardKey("cleanupWait")).isTrue();
        assertThat(GuardConfig.isGuardKey("statsFile")).isFalse();
        assertThat(GuardConfig.isGuardKey("enabled")).isFalse();
        assertThat(GuardConfig.isGuardKey("maxheap")).isFalse();
        assertThat(GuardConfig.isGuardKey(null)).isFalse();
    }

    @Test
    void fromSettings_ignoresKeysItDoesNotOwn() {
        assertThat(parse("statsFile", "-", "enabled", "nonsense", "maxHeap", "100m").maxHeapBytes()).isEqualTo(100 * MIB);
    }

    @Test
    void builder_rejectsBadValuesNamingTheKey() {
        assertThatThrownBy(() -> GuardConfig.builder(JVM_MAX_HEAP).maxHeapBytes(0))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'maxHeap'");
        assertThatThrownBy(() -> GuardConfig.builder(JVM_MAX_HEAP).operationMaxConcurrent("x", 0))
                .hasMessageContaining("'operations.x.maxConcurrent'");
        assertThatThrownBy(() -> GuardConfig.builder(JVM_MAX_HEAP).thresholds(0.8, 0.7, 0.9).build())
                .hasMessageContaining("warningThreshold and criticalThreshold");
        assertThatThrownBy(() -> GuardConfig.builder(JVM_MAX_HEAP).faultErrorProbability(2))
                .hasMessageContaining("'fault.errorProbability'");
        assertThatThrownBy(() -> GuardConfig.builder(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jvmMaxHeapBytes");
    }
}
