package io.heapguard.agent.estimate;

import java.util.Collection;
import java.util.Map;

/** Turns runtime argument values into numbers and lengths, allocation-free on success. */
final class Values {

    private Values() {
    }

    static double toNumber(Object value, String text) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value == null) {
            throw new EvaluationFailure("'" + text + "' is null; give a default with '" + text + " ?: <bytes>'");
        }
        String hint = isMeasurable(value) ? "; len(" + text + ") gives its length" : "";
        throw new EvaluationFailure("'" + text + "' is a " + value.getClass().getName() + ", not a number" + hint);
    }

    /** len(): array length, collection/map size, char sequence length; null has length 0. */
    static double length(Object value, String text) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Object[] array) {
            return array.length;
        }
        if (value instanceof float[] array) {
            return array.length;
        }
        if (value instanceof byte[] array) {
            return array.length;
        }
        if (value instanceof CharSequence chars) {
            return chars.length();
        }
        if (value instanceof Collection<?> collection) {
            return collection.size();
        }
        if (value instanceof Map<?, ?> map) {
            return map.size();
        }
        if (value.getClass().isArray()) {
            return java.lang.reflect.Array.getLength(value);
        }
        throw new EvaluationFailure("len(" + text + "): '" + text + "' is a " + value.getClass().getName()
                + "; len() measures arrays, collections, maps and char sequences");
    }

    private static boolean isMeasurable(Object value) {
        return value.getClass().isArray() || value instanceof CharSequence || value instanceof Collection
                || value instanceof Map;
    }
}
