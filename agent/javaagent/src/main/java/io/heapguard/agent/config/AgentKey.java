package io.heapguard.agent.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.heapguard.core.KeyDescription;

/**
 * The agent's own configuration keys (the guard core's are {@link io.heapguard.core.GuardKey}),
 * each declared once: its name, what it takes and its default as docs/configuration.md shows them
 * (a test compares the table with both lists), and the default value a setting left unset gets.
 *
 * <p>Adding a key: a constant here, its reader and accessor in {@link AgentSettings}, a row in
 * docs/configuration.md.
 */
public enum AgentKey {

    ENABLED("enabled", "boolean", "true"),
    STRICT("strict", "boolean", "false"),
    /** Default computed from {@code java.io.tmpdir}: see {@link AgentSettings#DEFAULT_STATS_FILE_NAME}. */
    STATS_FILE("statsFile", "path, or `-`", null, "`heapguard-<pid>.json` in `java.io.tmpdir`"),
    STATS_SIGNAL("statsSignal", "`USR1`, `HUP`, `WINCH` or `none`", StatsSignals.DEFAULT),
    CONFIG("config", "path", "none", "none"),
    JMX("jmx", "boolean", "true"),
    JMX_DELAY("jmxDelay", "duration", "5s"),
    /** Compact list of targets; {@code targets.<name>} and {@code targets.<name>.<field>} are accepted too. */
    TARGETS("targets", "compact target list", null, "none"),
    TARGET_CHECK_DELAY("targetCheckDelay", "duration", "60s");

    private static final Map<String, AgentKey> BY_NAME = new HashMap<>();

    static {
        for (AgentKey key : values()) { // no streams or lambdas: premain would pay their bootstrap
            BY_NAME.put(key.key(), key);
        }
    }

    private final KeyDescription description;
    private final String defaultValue;

    AgentKey(String key, String accepts, String defaultValue) {
        this.description = KeyDescription.withDefault(key, accepts, defaultValue);
        this.defaultValue = defaultValue;
    }

    AgentKey(String key, String accepts, String defaultValue, String defaultDoc) {
        this.description = new KeyDescription(key, accepts, defaultDoc);
        this.defaultValue = defaultValue;
    }

    /** The key as users write it, without the {@code heapguard.} prefix. */
    public String key() {
        return description.key();
    }

    /** Name, type and default as the documentation's table shows them. */
    public KeyDescription description() {
        return description;
    }

    /** The value an unset key gets, in text form; null when it has none or it is computed. */
    String defaultValue() {
        return defaultValue;
    }

    /** The setting an unset key gets. */
    Setting byDefault() {
        return Setting.byDefault(key(), defaultValue);
    }

    static Optional<AgentKey> named(String key) {
        return Optional.ofNullable(BY_NAME.get(key));
    }
}
