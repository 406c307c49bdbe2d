package io.heapguard.agent.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds {@code enabled=false} without validating anything else, so an operator can always turn the
 * agent off, even while another value (or the config file) is broken. Reads the same three sources
 * as {@link AgentSettings}, highest precedence first; the file is not consulted.
 */
final class KillSwitch {

    private static final String FALSE = "false";

    private KillSwitch() {
    }

    /** The setting that turns the agent off, or null when the highest source that sets it says otherwise. */
    static Setting find(String agentArgs, Map<?, ?> systemProperties, Map<String, String> environment) {
        Setting fromArguments = fromArguments(agentArgs);
        if (fromArguments != null) {
            return isFalse(fromArguments.value()) ? fromArguments : null;
        }
        Object property = systemProperties.get(SettingKeys.PREFIX + AgentSettings.KEY_ENABLED);
        if (property instanceof String value) {
            return isFalse(value) ? new Setting(AgentSettings.KEY_ENABLED, value, Setting.Source.SYSTEM_PROPERTY,
                    "system property " + SettingKeys.PREFIX + AgentSettings.KEY_ENABLED) : null;
        }
        String variable = SettingKeys.environmentName(AgentSettings.KEY_ENABLED);
        String value = environment.get(variable);
        return value != null && isFalse(value)
                ? new Setting(AgentSettings.KEY_ENABLED, value, Setting.Source.ENVIRONMENT, "environment variable " + variable)
                : null;
    }

    private static Setting fromArguments(String agentArgs) {
        List<Setting> settings;
        try {
            settings = AgentArguments.parse(agentArgs);
        } catch (RuntimeException malformed) {
            return null;
        }
        Setting last = null;
        for (Setting setting : settings) {
            if (setting.key().equals(AgentSettings.KEY_ENABLED)) {
                last = setting;
            }
        }
        return last;
    }

    private static boolean isFalse(String value) {
        return value.strip().toLowerCase(Locale.ROOT).equals(FALSE);
    }
}
