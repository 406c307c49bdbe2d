package io.heapguard.it.agent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code RESULT <name> k=v k=v} lines a test target program printed, by scenario name.
 */
final class AppOutput {

    private final Map<String, Map<String, String>> results = new LinkedHashMap<>();
    private final String raw;

    private AppOutput(String raw) {
        this.raw = raw;
    }

    static AppOutput parse(String stdout) {
        AppOutput output = new AppOutput(stdout);
        for (String line : stdout.split("\\R")) {
            if (!line.startsWith("RESULT ")) {
                continue;
            }
            String[] parts = line.substring("RESULT ".length()).trim().split(" ");
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                int equals = parts[i].indexOf('=');
                if (equals > 0) {
                    fields.put(parts[i].substring(0, equals), parts[i].substring(equals + 1));
                }
            }
            output.results.put(parts[0], fields);
        }
        return output;
    }

    /** The fields of one scenario; fails with the whole output when the scenario is missing. */
    Map<String, String> result(String scenario) {
        Map<String, String> fields = results.get(scenario);
        if (fields == null) {
            throw new AssertionError("no RESULT line for scenario '" + scenario + "' in:\n" + raw);
        }
        return fields;
    }

    long number(String scenario, String field) {
        String value = result(scenario).get(field);
        if (value == null) {
            throw new AssertionError("scenario '" + scenario + "' has no field '" + field + "': " + result(scenario));
        }
        return Long.parseLong(value);
    }

    int count() {
        return results.size();
    }
}
