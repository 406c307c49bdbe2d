package io.heapguard.agent.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.heapguard.core.GuardConfig;
import io.heapguard.core.GuardKey;

/**
 * The keys heapguard knows: the agent's own ({@link AgentKey}), the guard core's ({@link GuardKey}
 * and its per-operation keys) and the targets'. Both lists are the keys' one declaration, so
 * suggestions and the environment mapping never drift from what is parsed.
 */
final class SettingKeys {

    static final String PREFIX = "heapguard.";
    static final String ENVIRONMENT_PREFIX = "HEAPGUARD_";

    private static final List<String> TOP_LEVEL_KEYS = topLevelKeys();
    /** Each top-level key by its squashed name, squashed once rather than for every variable read. */
    private static final Map<String, String> TOP_LEVEL_KEY_BY_SQUASHED_NAME = bySquashedName(TOP_LEVEL_KEYS);

    private SettingKeys() {
    }

    static String withoutPrefix(String key) {
        return key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key;
    }

    static boolean isKnown(String key) {
        return AgentKey.named(key).isPresent() || GuardConfig.isGuardKey(key) || TargetSettings.isTargetKey(key);
    }

    /** Every key except the per-operation ones, sorted. */
    static List<String> topLevel() {
        return TOP_LEVEL_KEYS;
    }

    /** The problem of a key heapguard does not know: names the key and the closest known key. */
    static SourcedConfigException unknownKey(Setting setting) {
        List<String> candidates = new ArrayList<>(TOP_LEVEL_KEYS);
        for (GuardKey.OperationKey limit : GuardKey.OperationKey.values()) {
            candidates.add(limit.keyFor("<operation>"));
        }
        StringBuilder hint = new StringBuilder();
        ClosestMatch.among(setting.key(), candidates)
                .ifPresent(closest -> hint.append("did you mean '").append(closest).append("'? "));
        hint.append("known keys: ").append(String.join(", ", TOP_LEVEL_KEYS))
                .append(", ").append(GuardKey.OperationKey.allowed())
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
        return Optional.ofNullable(TOP_LEVEL_KEY_BY_SQUASHED_NAME.get(squashed(suffix)));
    }

    private static Map<String, String> bySquashedName(List<String> sortedKeys) {
        Map<String, String> byName = new HashMap<>();
        for (String key : sortedKeys) {
            byName.putIfAbsent(squashed(key), key); // were two to squash alike, the first in order wins, as before
        }
        return byName;
    }

    private static String squashed(String name) {
        return name.replace("_", "").replace(".", "").toLowerCase(Locale.ROOT);
    }

    private static List<String> topLevelKeys() {
        TreeSet<String> keys = new TreeSet<>();
        for (AgentKey key : AgentKey.values()) {
            keys.add(key.key());
        }
        for (GuardKey key : GuardKey.values()) {
            keys.add(key.key());
        }
        return List.copyOf(keys);
    }
}
