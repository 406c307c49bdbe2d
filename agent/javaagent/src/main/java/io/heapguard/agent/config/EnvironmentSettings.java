package io.heapguard.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code HEAPGUARD_<KEY>} environment variables, for top-level keys only: upper-case, {@code .} as
 * {@code _}, underscores otherwise ignored ({@code HEAPGUARD_MAXHEAP} or {@code HEAPGUARD_MAX_HEAP}).
 *
 * <p>Per-operation keys cannot be expressed: operation names are case-sensitive and may contain
 * {@code #}, {@code .} and {@code _}, which an environment variable name cannot carry faithfully.
 * Such variables are refused with a message pointing to {@code HEAPGUARD_CONFIG} (a JSON file) or
 * {@code JAVA_TOOL_OPTIONS=-Dheapguard.operations.<op>.<limit>=...}.
 */
final class EnvironmentSettings {

    private static final String OPERATIONS_PREFIX = "OPERATIONS_";

    private EnvironmentSettings() {
    }

    static List<Setting> read(Map<String, String> environment, OnProblem onProblem) {
        List<Setting> settings = new ArrayList<>();
        Map<String, String> firstVariableByKey = new TreeMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(environment).entrySet()) {
            String name = entry.getKey();
            if (!name.startsWith(SettingKeys.ENVIRONMENT_PREFIX)) {
                continue;
            }
            String origin = "environment variable " + name;
            String value = entry.getValue() == null ? "" : entry.getValue().strip();
            String suffix = name.substring(SettingKeys.ENVIRONMENT_PREFIX.length());
            Optional<String> key = SettingKeys.keyForEnvironmentName(suffix);
            if (key.isEmpty()) {
                onProblem.report(() -> unknown(name, value, suffix, origin));
                continue;
            }
            String previous = firstVariableByKey.putIfAbsent(key.get(), name);
            if (previous != null) {
                onProblem.report(() -> SourcedConfigException.badSource(key.get(), value, "'" + key.get()
                        + "' is set twice in the environment, by " + previous + " and " + name + "; keep one", origin));
                continue;
            }
            settings.add(new Setting(key.get(), value, Setting.Source.ENVIRONMENT, origin));
        }
        return settings;
    }

    private static SourcedConfigException unknown(String name, String value, String suffix, String origin) {
        if (suffix.startsWith(OPERATIONS_PREFIX)) {
            return SourcedConfigException.unknownKey(name, value, "per-operation limits cannot be set from the"
                    + " environment (operation names are case-sensitive); put them in a JSON file named by"
                    + " HEAPGUARD_CONFIG, or use JAVA_TOOL_OPTIONS=-Dheapguard.operations.<operation>.<limit>=<value>",
                    origin);
        }
        List<String> names = new ArrayList<>();
        for (String key : SettingKeys.topLevel()) {
            names.add(SettingKeys.environmentName(key));
        }
        StringBuilder hint = new StringBuilder();
        ClosestMatch.among(name, names).ifPresent(closest -> hint.append("did you mean ").append(closest).append("? "));
        hint.append("known variables: ").append(String.join(", ", names));
        return SourcedConfigException.unknownKey(name, value, hint.toString(), origin);
    }
}
