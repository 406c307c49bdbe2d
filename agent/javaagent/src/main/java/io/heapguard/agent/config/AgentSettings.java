package io.heapguard.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.heapguard.agent.targets.Target;
import io.heapguard.core.ConfigException;
import io.heapguard.core.GuardConfig;

/**
 * The agent's configuration, merged from its four sources and validated once at start-up.
 *
 * <p>Sources, highest precedence first: agent arguments ({@code -javaagent:heapguard-agent.jar=k=v,k=v}),
 * system properties ({@code -Dheapguard.k=v}), environment ({@code HEAPGUARD_K}, top-level keys only)
 * and the JSON file named by {@code config}. Every key must be an agent key ({@link AgentKey}) or a
 * guard key ({@link GuardConfig#isGuardKey}); anything invalid is a {@link ConfigException} whose
 * message names the key, the value, where it came from and what is allowed. See docs/configuration.md.
 */
public final class AgentSettings {

    /**
     * {@link AgentKey#JMX_DELAY}'s default, typed so premain parses nothing it was not given: long
     * enough to keep the platform MBean server out of a typical start-up, short for an operator.
     */
    static final Duration DEFAULT_JMX_DELAY = Duration.ofSeconds(5);
    /**
     * {@link AgentKey#TARGET_CHECK_DELAY}'s default: long enough for a typical application to load
     * the classes it targets, short enough to notice a typo.
     */
    static final Duration DEFAULT_TARGET_CHECK_DELAY = Duration.ofSeconds(60);

    /** {@code statsFile} value that sends the stats to standard error. */
    public static final String STATS_TO_STDERR = "-";
    /** Placeholder in {@code statsFile} replaced by the process id. */
    public static final String PID_PLACEHOLDER = "{pid}";
    public static final String DEFAULT_STATS_FILE_NAME = "heapguard-" + PID_PLACEHOLDER + ".json";

    private final boolean enabled;
    private final boolean strict;
    private final StatsFileLocation statsFile;
    private final String statsSignal;
    private final boolean jmxEnabled;
    private final Duration jmxDelay;
    private final GuardConfig guardConfig;
    private final List<Target> targets;
    private final Duration targetCheckDelay;
    private final Map<String, Setting> effectiveSettings;

    private AgentSettings(Map<String, Setting> effective, GuardConfig guardConfig, StatsFileLocation statsFile,
                          List<Target> targets) {
        this.enabled = bool(effective.get(AgentKey.ENABLED.key()));
        this.strict = bool(effective.get(AgentKey.STRICT.key()));
        this.jmxEnabled = bool(effective.get(AgentKey.JMX.key()));
        this.jmxDelay = jmxDelay(effective.get(AgentKey.JMX_DELAY.key()));
        this.statsSignal = StatsSignals.parse(effective.get(AgentKey.STATS_SIGNAL.key()));
        this.statsFile = statsFile;
        this.guardConfig = guardConfig;
        this.targets = targets;
        this.targetCheckDelay = duration(effective.get(AgentKey.TARGET_CHECK_DELAY.key()), DEFAULT_TARGET_CHECK_DELAY);
        this.effectiveSettings = Collections.unmodifiableMap(effective);
    }

    /**
     * Merges and validates the settings.
     *
     * <p>When something is invalid, the same sources are merged a second time by the same readers and
     * precedence, skipping what is broken, to learn what the operator asked for regardless: the highest
     * {@code enabled=false} still turns the agent off (the result is disabled settings), and the highest
     * {@code strict} travels with the failure ({@link InvalidSettingsException#strict()}).
     *
     * @param agentArgs        the {@code -javaagent} options, or null
     * @param systemProperties {@link System#getProperties()} or any map of property names to values
     * @param environment      {@link System#getenv()} or a stand-in
     * @param jvmMaxHeapBytes  what percentages ({@code 70%}) are taken of
     * @throws InvalidSettingsException for the first problem, naming key, value, source and what is allowed
     */
    public static AgentSettings load(String agentArgs, Map<?, ?> systemProperties, Map<String, String> environment,
                                     long jvmMaxHeapBytes) {
        try {
            return build(merge(agentArgs, systemProperties, environment, OnProblem.THROW), systemProperties,
                    jvmMaxHeapBytes);
        } catch (ConfigException e) {
            Map<String, Setting> readable = merge(agentArgs, systemProperties, environment, OnProblem.SKIP);
            Setting enabled = readable.get(AgentKey.ENABLED.key());
            if (enabled != null && isFalse(enabled.value())) {
                return disabled(enabled, jvmMaxHeapBytes);
            }
            Setting strict = readable.get(AgentKey.STRICT.key());
            throw new InvalidSettingsException(e, strict != null && isTrue(strict.value()));
        }
    }

    /**
     * The one merge of the four sources: each key from the highest source that gives it. With
     * {@link OnProblem#SKIP} a broken entry, key or config file is left out instead of thrown.
     */
    private static Map<String, Setting> merge(String agentArgs, Map<?, ?> systemProperties,
                                              Map<String, String> environment, OnProblem onProblem) {
        List<Setting> fromArguments = AgentArguments.parse(agentArgs, onProblem);
        List<Setting> fromProperties = SystemPropertySettings.read(systemProperties);
        List<Setting> fromEnvironment = EnvironmentSettings.read(environment, onProblem);

        Map<String, Setting> aboveFile = new TreeMap<>();
        // lowest precedence first, so higher sources overwrite
        for (List<Setting> source : List.of(fromEnvironment, fromProperties, fromArguments)) {
            putAll(aboveFile, source, onProblem);
        }
        Map<String, Setting> merged = new TreeMap<>();
        Setting configFile = aboveFile.get(AgentKey.CONFIG.key());
        if (configFile != null) {
            putAll(merged, fileSettings(configFile, systemProperties, onProblem), onProblem);
        }
        merged.putAll(aboveFile);
        return merged;
    }

    private static List<Setting> fileSettings(Setting configFile, Map<?, ?> systemProperties, OnProblem onProblem) {
        List<Setting> fromFile;
        try {
            fromFile = ConfigFile.read(configFile, workingDirectory(systemProperties));
        } catch (SourcedConfigException unreadable) {
            onProblem.report(() -> unreadable);
            return List.of();
        }
        List<Setting> usable = new ArrayList<>(fromFile.size());
        for (Setting setting : fromFile) {
            if (setting.key().equals(AgentKey.CONFIG.key())) {
                onProblem.report(() -> SourcedConfigException.invalidValue(AgentKey.CONFIG.key(), setting.value(),
                        "a config file cannot name another config file", setting.origin()));
            } else {
                usable.add(setting);
            }
        }
        return usable;
    }

    private static AgentSettings build(Map<String, Setting> given, Map<?, ?> systemProperties, long jvmMaxHeapBytes) {
        Map<String, Setting> effective = new TreeMap<>(given);
        for (AgentKey key : AgentKey.values()) {
            if (key.defaultValue() != null) {
                effective.putIfAbsent(key.key(), key.byDefault());
            }
        }
        String defaultStatsFile = Path.of(property(systemProperties, "java.io.tmpdir"), DEFAULT_STATS_FILE_NAME).toString();
        effective.putIfAbsent(AgentKey.STATS_FILE.key(), Setting.byDefault(AgentKey.STATS_FILE.key(), defaultStatsFile));

        StatsFileLocation statsFile = StatsFileLocation.parse(effective.get(AgentKey.STATS_FILE.key()),
                workingDirectory(systemProperties));
        GuardConfig guardConfig = guardConfig(effective, jvmMaxHeapBytes);
        List<Target> targets = TargetSettings.parse(effective);
        return new AgentSettings(effective, guardConfig, statsFile, targets);
    }

    /** Settings that only say "disabled"; nothing else was validated, and nothing else is used. */
    private static AgentSettings disabled(Setting killSwitch, long jvmMaxHeapBytes) {
        Map<String, Setting> effective = new TreeMap<>();
        for (AgentKey key : AgentKey.values()) {
            if (key.defaultValue() != null) {
                effective.put(key.key(), key.byDefault());
            }
        }
        // nothing of the agent runs: no MXBean, no signal handler, no stats file
        effective.put(AgentKey.ENABLED.key(), killSwitch);
        effective.put(AgentKey.JMX.key(), Setting.byDefault(AgentKey.JMX.key(), "false"));
        effective.put(AgentKey.STATS_SIGNAL.key(), Setting.byDefault(AgentKey.STATS_SIGNAL.key(), StatsSignals.NONE));
        effective.put(AgentKey.STATS_FILE.key(), Setting.byDefault(AgentKey.STATS_FILE.key(), STATS_TO_STDERR));
        return new AgentSettings(effective, GuardConfig.builder(jvmMaxHeapBytes).build(),
                StatsFileLocation.standardError(), List.of());
    }

    /** Within one source a key may appear once; with {@link OnProblem#SKIP} the last one counts. */
    private static void putAll(Map<String, Setting> target, List<Setting> source, OnProblem onProblem) {
        Map<String, Setting> seen = new HashMap<>();
        for (Setting setting : source) {
            if (!SettingKeys.isKnown(setting.key())) {
                onProblem.report(() -> SettingKeys.unknownKey(setting));
                continue;
            }
            Setting previous = seen.put(setting.key(), setting);
            if (previous != null) {
                onProblem.report(() -> SourcedConfigException.badSource(setting.key(), setting.value(), "'"
                        + setting.key() + "' is given twice: '" + previous.value() + "' (" + previous.origin()
                        + ") and '" + setting.value() + "'; keep one", setting.origin()));
            }
            target.put(setting.key(), setting);
        }
    }

    private static GuardConfig guardConfig(Map<String, Setting> effective, long jvmMaxHeapBytes) {
        Map<String, String> guardKeys = new LinkedHashMap<>();
        for (Setting setting : effective.values()) {
            if (GuardConfig.isGuardKey(setting.key())) {
                guardKeys.put(setting.key(), setting.value());
            }
        }
        try {
            return GuardConfig.fromSettings(guardKeys, jvmMaxHeapBytes);
        } catch (ConfigException e) {
            throw SourcedConfigException.invalidValue(e.key(), e.value(), e.allowed(), origins(e.key(), effective));
        }
    }

    /** Where the key (or both keys of a conflict such as {@code warningThreshold and criticalThreshold}) came from. */
    private static String origins(String keys, Map<String, Setting> effective) {
        List<String> origins = new ArrayList<>();
        for (String key : keys.split(" and ")) {
            Setting setting = effective.get(key.strip());
            origins.add(setting == null ? "default " + key.strip() : setting.origin());
        }
        return String.join("; ", origins);
    }

    private static boolean isTrue(String value) {
        return value.strip().equalsIgnoreCase("true");
    }

    private static boolean isFalse(String value) {
        return value.strip().equalsIgnoreCase("false");
    }

    private static boolean bool(Setting setting) {
        if (isTrue(setting.value())) {
            return true;
        }
        if (isFalse(setting.value())) {
            return false;
        }
        throw SourcedConfigException.invalidValue(setting.key(), setting.value(), "expected true or false",
                setting.origin());
    }

    private static Duration jmxDelay(Setting setting) {
        return duration(setting, DEFAULT_JMX_DELAY);
    }

    private static Duration duration(Setting setting, Duration byDefault) {
        if (setting.source() == Setting.Source.DEFAULT) {
            // the parser compiles regular expressions: a few milliseconds premain need not spend
            return byDefault;
        }
        try {
            return GuardConfig.parseDuration(setting.key(), setting.value());
        } catch (ConfigException e) {
            throw SourcedConfigException.invalidValue(setting.key(), setting.value(), e.allowed(), setting.origin());
        }
    }

    private static Path workingDirectory(Map<?, ?> systemProperties) {
        return Path.of(property(systemProperties, "user.dir"));
    }

    private static String property(Map<?, ?> systemProperties, String name) {
        Object value = systemProperties.get(name);
        return value instanceof String text ? text : System.getProperty(name);
    }

    /** {@code enabled}: false means the agent installs nothing. */
    public boolean enabled() {
        return enabled;
    }

    /** {@code strict}: invalid estimate expressions (and configuration) stop the JVM at start-up. */
    public boolean strict() {
        return strict;
    }

    /** {@code statsFile} as an absolute path, or null when the stats go to standard error ({@code -}). */
    public Path statsFile() {
        return statsFile.path();
    }

    /** {@code statsSignal} without {@code SIG} ({@code USR1}), or null when set to {@code none}. */
    public String statsSignal() {
        return statsSignal;
    }

    /** {@code jmx}: register the {@code io.heapguard:type=HeapGuard} MXBean. */
    public boolean jmxEnabled() {
        return jmxEnabled;
    }

    /** {@code jmxDelay}: how long after start-up the MXBean is registered; zero registers it at once. */
    public Duration jmxDelay() {
        return jmxDelay;
    }

    public GuardConfig guardConfig() {
        return guardConfig;
    }

    /** The configured targets (methods guarded without an annotation), sorted by name; empty when none. */
    public List<Target> targets() {
        return targets;
    }

    /** {@code targetCheckDelay}: how long after start a target that matched no method is reported. */
    public Duration targetCheckDelay() {
        return targetCheckDelay;
    }

    /**
     * Every agent key (with its default when not given) and every guard key that was given, by key,
     * sorted, each with its value and where it came from. Guard keys left at their defaults are not
     * listed; {@link GuardConfig} has their values.
     */
    public Map<String, Setting> effectiveSettings() {
        return effectiveSettings;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("AgentSettings{");
        effectiveSettings.values().forEach(s -> text.append(s.key()).append('=').append(s.value())
                .append(" (").append(s.origin()).append("), "));
        text.setLength(text.length() - 2);
        return text.append('}').toString();
    }
}
