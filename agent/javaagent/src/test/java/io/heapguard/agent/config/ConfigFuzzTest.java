package io.heapguard.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.heapguard.core.GuardConfig;

/**
 * Fuzzes every configuration source through the one entry point premain uses,
 * {@link AgentSettings#load}: the agent arguments (with {@code ,,} escapes and parentheses), system
 * properties and environment variables, the JSON file and the compact targets form. Every input must
 * give settings that hold the configuration's invariants, or one {@link InvalidSettingsException}
 * whose message is a single clear line. Anything else (another exception, an Error, a hang, a read
 * without bound) is a finding.
 *
 * <p>Seeds and findings: {@code src/test/resources/io/heapguard/agent/config/ConfigFuzzTestInputs/<method>/},
 * plain text. Commands: docs/fuzzing.md.
 */
public class ConfigFuzzTest {

    private static final long JVM_MAX_HEAP_BYTES = 4L << 30;
    private static final Path DIR = temporaryDirectory();
    private static final Path CONFIG_FILE = DIR.resolve("heapguard.json");

    /** One line per entry: {@code D<key>=<value>} a system property, {@code E<NAME>=<value>} a variable. */
    @FuzzTest(maxDuration = "5s")
    public void propertiesAndEnvironment(byte[] input) {
        Map<String, String> properties = baseProperties();
        Map<String, String> environment = new HashMap<>();
        for (String line : text(input).split("\n", -1)) {
            int equals = line.indexOf('=');
            if (line.isEmpty() || equals < 1) {
                continue;
            }
            String name = line.substring(1, equals);
            String value = line.substring(equals + 1);
            if (line.charAt(0) == 'D') {
                properties.put(name, value);
            } else if (line.charAt(0) == 'E') {
                environment.put(name, value);
            }
        }
        check(null, properties, environment);
    }

    @FuzzTest(maxDuration = "5s")
    public void agentArguments(byte[] input) {
        check(text(input), baseProperties(), Map.of());
    }

    /**
     * The bytes are the JSON file named by {@code config}. Each input gets a new file, deleted after:
     * rewriting one file in place (truncating it) makes ext4 flush it to disk when it is closed
     * (auto_da_alloc), about 2 ms an input, most of this fuzzer's time.
     */
    @FuzzTest(maxDuration = "5s")
    public void configFile(byte[] input) {
        try {
            Files.write(CONFIG_FILE, input, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Map<String, String> properties = baseProperties();
            properties.put("heapguard.config", CONFIG_FILE.toString());
            check(null, properties, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteConfigFile();
        }
    }

    private static void deleteConfigFile() {
        try {
            Files.deleteIfExists(CONFIG_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text is the compact {@code targets} value, given as a system property. */
    @FuzzTest(maxDuration = "5s")
    public void compactTargets(byte[] input) {
        Map<String, String> properties = baseProperties();
        properties.put("heapguard.targets", text(input));
        check(null, properties, Map.of());
    }

    private static void check(String agentArgs, Map<String, String> properties, Map<String, String> environment) {
        AgentSettings settings;
        try {
            settings = AgentSettings.load(agentArgs, properties, environment, JVM_MAX_HEAP_BYTES);
        } catch (InvalidSettingsException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\tat ").doesNotContain("Exception");
            assertThat(e.key()).isNotNull();
            return;
        }
        GuardConfig config = settings.guardConfig();
        assertThat(config.maxHeapBytes()).isPositive();
        assertThat(config.maxPerCallBytes()).isPositive().isLessThanOrEqualTo(config.maxHeapBytes());
        assertThat(config.warningThreshold()).isBetween(0.0, 1.0).isLessThanOrEqualTo(config.criticalThreshold());
        assertThat(config.criticalThreshold()).isLessThanOrEqualTo(config.cleanupThreshold());
        assertThat(config.cleanupThreshold()).isLessThanOrEqualTo(1.0);
        assertThat(config.faultRejectProbability()).isBetween(0.0, 1.0);
        assertThat(config.faultErrorProbability()).isBetween(0.0, 1.0);
        assertThat(config.leakAge()).isPositive();
        assertThat(settings.targets()).isNotNull();
        if (settings.statsFile() != null) {
            assertThat(settings.statsFile()).isAbsolute();
            assertThat(Files.isDirectory(settings.statsFile().getParent())).isTrue();
        }
    }

    private static Map<String, String> baseProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("java.io.tmpdir", DIR.toString());
        properties.put("user.dir", DIR.toString());
        return properties;
    }

    private static String text(byte[] input) {
        return new String(input, StandardCharsets.UTF_8);
    }

    private static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("heapguard-config-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
