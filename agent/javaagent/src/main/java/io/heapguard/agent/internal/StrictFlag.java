package io.heapguard.agent.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Whether {@code strict=true} was asked for, read directly from the three sources (agent arguments,
 * {@code -Dheapguard.strict}, {@code HEAPGUARD_STRICT}) when the full configuration failed to load and
 * so cannot be asked.
 */
final class StrictFlag {

    private static final String KEY = "strict";

    private StrictFlag() {
    }

    static boolean requested(String agentArgs, Properties systemProperties, Map<String, String> environment) {
        if (agentArgs != null) {
            for (String pair : agentArgs.split(",")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).strip().equals(KEY)) {
                    return isTrue(pair.substring(equals + 1));
                }
            }
        }
        String property = systemProperties.getProperty("heapguard." + KEY);
        if (property != null) {
            return isTrue(property);
        }
        return isTrue(environment.get("HEAPGUARD_" + KEY.toUpperCase(Locale.ROOT)));
    }

    private static boolean isTrue(String value) {
        return value != null && value.strip().equalsIgnoreCase("true");
    }
}
