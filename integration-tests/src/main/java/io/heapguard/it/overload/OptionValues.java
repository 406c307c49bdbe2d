package io.heapguard.it.overload;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name=value} arguments of the harness's commands ({@link CompareMain},
 * {@code NormalLoadMain}), with errors that name the bad argument and what is allowed.
 */
public final class OptionValues {

    private final Map<String, String> values;

    private OptionValues(Map<String, String> values) {
        this.values = values;
    }

    public static OptionValues parse(String[] args, Set<String> known) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("argument '" + arg + "' must look like --name=value; names: " + known);
            }
            String name = arg.substring(2, eq);
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; allowed: " + known);
            }
            values.put(name, arg.substring(eq + 1));
        }
        return new OptionValues(values);
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + "=<path> is required");
        }
        return value;
    }

    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public int positiveInt(String name, int fallback) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new IllegalArgumentException("--" + name + "=" + raw + " is not allowed: a positive whole number is");
    }
}
