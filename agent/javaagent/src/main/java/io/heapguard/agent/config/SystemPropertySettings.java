package io.heapguard.agent.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code -Dheapguard.<key>=<value>}: every system property under {@code heapguard.} is a setting. */
final class SystemPropertySettings {

    private SystemPropertySettings() {
    }

    /** Accepts {@link java.util.Properties} as well as a {@code Map<String, String>}; non-string entries are skipped. */
    static List<Setting> read(Map<?, ?> systemProperties) {
        // copy first: System.getProperties() may change while we read it; sorted for stable messages
        Map<String, String> ours = new TreeMap<>();
        for (Map.Entry<?, ?> entry : new HashMap<Object, Object>(systemProperties).entrySet()) {
            if (entry.getKey() instanceof String name && entry.getValue() instanceof String value
                    && name.startsWith(SettingKeys.PREFIX)) {
                ours.put(name, value);
            }
        }
        List<Setting> settings = new ArrayList<>(ours.size());
        for (Map.Entry<String, String> entry : ours.entrySet()) {
            String key = entry.getKey().substring(SettingKeys.PREFIX.length());
            settings.add(new Setting(key, entry.getValue().strip(), Setting.Source.SYSTEM_PROPERTY,
                    "system property " + entry.getKey()));
        }
        return settings;
    }
}
