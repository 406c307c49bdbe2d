package io.heapguard.agent.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

import io.heapguard.core.GuardConfig;

/**
 * The keys heapguard knows: the agent's own ({@link AgentSettings}) and the guard core's
 * ({@link GuardConfig#isGuardKey}). The core's top-level key names are read from its public
 * {@code KEY_*} constants, so suggestions and the environment mapping never drift from the core.
 */
final class SettingKeys {

    static final String PREFIX = "heapguard.";
    static final String ENVIRONMENT_PREFIX = "HEAPGUARD_";
    private static final String GUARD_KEY_CONSTANT_PREFIX = "KEY_";

    private static final List<String> TOP_LEVEL_KEYS = topLevelKeys();

    private SettingKeys() {
    }

    static String withoutPrefix(String key) {
        return key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key;
    }

    static boolean isKnown(String key) {
        return AgentSettings.AGENT_KEYS.contains(key) || GuardConfig.isGuardKey(key) || TargetSettings.isTargetKey(key);
    }

    /** Every key except the per-operation ones, sorted. */
    static List<String> topLevel() {
        return TOP_LEVEL_KEYS;
    }

    /** The problem of a key heapguard does not know: names the key and the closest known key. */
    static SourcedConfigException unknownKey(Setting setting) {
        List<String> candidates = new ArrayList<>(TOP_LEVEL_KEYS);
        candidates.add(GuardConfig.OPERATIONS_PREFIX + "<operation>.maxInFlight");
        StringBuilder hint = new StringBuilder();
        ClosestMatch.among(setting.key(), candidates)
                .ifPresent(closest -> hint.append("did you mean '").append(closest).append("'? "));
        hint.append("known keys: ").append(String.join(", ", TOP_LEVEL_KEYS))
                .append(", operations.<operation>.maxPerCall|maxInFlight|maxConcurrent|defaultEstimate")
                .append(", targets.<name>.<field>");
        return SourcedConfigException.unknownKey(setting.key(), setting.value(), hint.toString(), setting.origin());
    }

    /** {@code maxHeap} → {@code HEAPGUARD_MAXHEAP}; {@code fault.rejectProbability} → {@code HEAPGUARD_FAULT_REJECTPROBABILITY}. */
    static String environmentName(String key) {
        return ENVIRONMENT_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /**
     * The top-level key an environment variable name (without {@code HEAPGUARD_}) stands for.
     * Underscores and case are ignored, so {@code MAXHEAP} and {@code MAX_HEAP} both mean maxHeap.
     */
    static Optional<String> keyForEnvironmentName(String suffix) {
        String wanted = squashed(suffix);
        for (String key : TOP_LEVEL_KEYS) {
            if (squashed(key).equals(wanted)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private static String squashed(String name) {
        return name.replace("_", "").replace(".", "").toLowerCase(Locale.ROOT);
    }

    private static List<String> topLevelKeys() {
        TreeSet<String> keys = new TreeSet<>(AgentSettings.AGENT_KEYS);
        for (Field field : GuardConfig.class.getFields()) {
            int modifiers = field.getModifiers();
            if (field.getName().startsWith(GUARD_KEY_CONSTANT_PREFIX) && field.getType() == String.class
                    && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)) {
                try {
                    keys.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + field, e);
                }
            }
        }
        return List.copyOf(keys);
    }
}
