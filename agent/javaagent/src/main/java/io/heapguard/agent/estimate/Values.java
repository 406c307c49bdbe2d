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

    /**
     * len(): array length, collection/map size, char sequence length; null has length 0. Every array
     * type is tested by name: reflection ({@code Array.getLength}) costs a native call when the JIT
     * does not inline it, more than the rest of the woven call.
     */
    static double length(Object value, String text) {
        if (value == null) {
            return 0;
        }
        if (value instanceof float[] array) {
            return array.length;
        }
        if (value instanceof byte[] array) {
            return array.length;
        }
        if (value instanceof int[] array) {
            return array.length;
        }
        if (value instanceof long[] array) {
            return array.length;
        }
        if (value instanceof Object[] array) {
            return array.length;
        }
        if (value instanceof double[] array) {
            return array.length;
        }
        if (value instanceof char[] array) {
            return array.length;
        }
        if (value instanceof short[] array) {
            return array.length;
        }
        if (value instanceof boolean[] array) {
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
        throw new EvaluationFailure("len(" + text + "): '" + text + "' is a " + value.getClass().getName()
                + "; len() measures arrays, collections, maps and char sequences");
    }

    private static boolean isMeasurable(Object value) {
        return value.getClass().isArray() || value instanceof CharSequence || value instanceof Collection
                || value instanceof Map;
    }
}
