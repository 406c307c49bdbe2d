package io.heapguard.agent.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code -Dheapguard.<key>=<value>}: every system property under {@code heapguard.} is a setting. */
final class SystemPropertySettings {

    private SystemPropertySettings() {
    }

    /** Accepts {@link java.util.Properties} as well as a {@code Map<String, String>}; non-string entries are skipped. */
    static List<Setting> read(Map<?, ?> systemProperties) {
        List<Setting> settings = new ArrayList<>();
        // copy first: System.getProperties() may change while we read it
        for (Map.Entry<?, ?> entry : new HashMap<Object, Object>(systemProperties).entrySet()) {
            if (entry.getKey() instanceof String name && entry.getValue() instanceof String value
                    && name.startsWith(SettingKeys.PREFIX)) {
                String key = name.substring(SettingKeys.PREFIX.length());
                settings.add(new Setting(key, value.strip(), Setting.Source.SYSTEM_PROPERTY, "system property " + name));
            }
        }
        settings.sort((a, b) -> a.key().compareTo(b.key()));
        return settings;
    }
}
