package io.heapguard.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values an operator (or an attacker who controls the environment) could give: each must end in one
 * {@link InvalidSettingsException} naming the key and the value and saying what is allowed, on one
 * line, never another exception, a hang or an unbounded read. Forked-JVM checks of the same
 * (one log line, no stack trace, the application keeps running): HostileConfigurationIT.
 */
class HostileConfigurationTest {

    private static final long JVM_MAX_HEAP_BYTES = 4L << 30;
    private static final Duration READ_DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Map<String, String> properties() {
        return TestProperties.in(dir);
    }

    private InvalidSettingsException invalid(String agentArgs) {
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class,
                () -> AgentSettings.load(agentArgs, properties(), Map.of(), JVM_MAX_HEAP_BYTES));
        assertThat(e).as("'%s' must be refused", agentArgs).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\tat ");
        return e;
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "maxHeap|99999999999999999999g",
        "maxHeap|9223372036854775807g",
        "maxHeap|-5g",
        "maxHeap|0",
        "maxHeap|250%",
        "maxPerCall|-1",
        "defaultEstimate|-1k",
        "warningThreshold|NaN",
        "criticalThreshold|-0.1",
        "cleanupThreshold|Infinity",
        "cleanupInterval|-1s",
        "leakAge|0s",
        "leakAge|99999999999999999999d",
        "fault.errorProbability|2",
        "fault.rejectProbability|NaN",
        "operations.search.maxConcurrent|-3",
        "operations.search.maxInFlight|1e999",
        "statsSignal|USR2",
        "statsSignal|KILL",
        "jmxDelay|-5s",
        "mode|panic",
        "statsFile|/nonexistent-heapguard-dir/stats.json",
    })
    void hostileValue_oneMessageNamingKeyAndValue(String key, String value) {
        InvalidSettingsException e = invalid(key + "=" + value);

        assertThat(e.getMessage()).contains(key).contains(value);
    }

    @Test
    void unknownKey_namedWithTheKnownKeys() {
        InvalidSettingsException e = invalid("maxHeapp=1g");

        assertThat(e.getMessage()).contains("unknown key 'maxHeapp'").contains("maxHeap,");
    }

    @Test
    void thresholdsOutOfOrder_namesBothKeys() {
        InvalidSettingsException e = invalid("warningThreshold=0.9,criticalThreshold=0.8");

        assertThat(e.getMessage()).contains("warningThreshold").contains("criticalThreshold").contains("0.9")
                .contains("0.8");
    }

    @Test
    void configIsADevice_refusedWithoutReadingIt() {
        InvalidSettingsException e = withinDeadline(() -> invalid("config=/dev/zero"));

        assertThat(e.getMessage()).contains("/dev/zero").contains("not a regular file");
    }

    @Test
    void configIsAFifoNobodyWrites_refusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("config.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();

        InvalidSettingsException e = withinDeadline(() -> invalid("config=" + fifo));

        assertThat(e.getMessage()).contains(fifo.toString()).contains("not a regular file");
    }

    @Test
    void configLargerThanTheBound_refusedAfterReadingOnlyTheBound() throws Exception {
        Path huge = dir.resolve("huge.json");
        Files.write(huge, new byte[ConfigFile.MAX_FILE_BYTES + 1]);

        InvalidSettingsException e = invalid("config=" + huge);

        assertThat(e.getMessage()).contains(huge.toString()).contains("larger than " + ConfigFile.MAX_FILE_BYTES);
    }

    @Test
    void configDeeplyNested_oneMessage() throws Exception {
        Path nested = Files.writeString(dir.resolve("nested.json"), "{\"a\":".repeat(5000) + "1" + "}".repeat(5000));

        InvalidSettingsException e = invalid("config=" + nested);

        assertThat(e.getMessage()).contains(nested.toString());
    }

    @Test
    void statsFileIsADirectory_refused() {
        InvalidSettingsException e = invalid("statsFile=" + dir);

        assertThat(e.getMessage()).contains("statsFile").contains("is a directory");
    }

    private static <T> T withinDeadline(java.util.function.Supplier<T> read) {
        CompletableFuture<T> result = CompletableFuture.supplyAsync(read);
        try {
            return result.get(READ_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("reading the configuration blocked for " + READ_DEADLINE, e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
