package io.heapguard.core;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text forms of configuration values. Every failure is a {@link ConfigException} naming
 * the key, the value as given and what the key accepts.
 */
final class ConfigValues {

    static final String SIZE_ALLOWED = "expected a size (512m, 2g) or a percentage of the max heap (70%)";
    static final String DURATION_ALLOWED = "expected a duration with a unit: ms, s, m or h (200ms, 5s, 5m, 1h)";
    static final String BOOLEAN_ALLOWED = "expected true or false";

    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*([kmgt]?)b?", Pattern.CASE_INSENSITIVE);
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d+)?)\\s*%");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)", Pattern.CASE_INSENSITIVE);
    private static final double PERCENT_MAX = 100.0;

    private ConfigValues() {
    }

    /** A size in bytes: {@code 512}, {@code 512k}, {@code 512MB}, {@code 2g}, or {@code 70%} of {@code jvmMaxHeapBytes}. */
    static long size(String key, String raw, long jvmMaxHeapBytes, long minBytes) {
        String text = raw.trim();
        long bytes;
        Matcher percent = PERCENT.matcher(text);
        Matcher size = SIZE.matcher(text);
        if (percent.matches()) {
            double value = Double.parseDouble(percent.group(1));
            if (value <= 0 || value > PERCENT_MAX) {
                throw new ConfigException(key, raw, "expected a percentage of the max heap above 0% and at most 100%");
            }
            bytes = (long) (jvmMaxHeapBytes * (value / PERCENT_MAX));
        } else if (size.matches()) {
            bytes = scaled(key, raw, size.group(1), shiftFor(size.group(2)));
        } else {
            throw new ConfigException(key, raw, SIZE_ALLOWED);
        }
        if (bytes < minBytes) {
            throw new ConfigException(key, raw, "expected a size of at least " + minBytes + " bytes");
        }
        return bytes;
    }

    static Duration duration(String key, String raw, Duration min) {
        Matcher m = DURATION.matcher(raw.trim());
        if (!m.matches()) {
            throw new ConfigException(key, raw, DURATION_ALLOWED);
        }
        long amount = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (d.compareTo(min) < 0) {
            throw new ConfigException(key, raw, "expected a duration of at least " + min.toMillis() + "ms");
        }
        return d;
    }

    /** A number in [min, max], with {@code minExclusive} to leave out the lower bound. */
    static double fraction(String key, String raw, double min, boolean minExclusive, double max) {
        String allowed = "expected a number " + (minExclusive ? "above " : "from ") + min + " to " + max;
        double value;
        try {
            value = Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, raw, allowed);
        }
        boolean belowMin = minExclusive ? value <= min : value < min;
        if (Double.isNaN(value) || belowMin || value > max) {
            throw new ConfigException(key, raw, allowed);
        }
        return value;
    }

    static int positiveInt(String key, String raw) {
        String allowed = "expected a whole number from 1 to " + Integer.MAX_VALUE;
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < 1) {
                throw new ConfigException(key, raw, allowed);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, raw, allowed);
        }
    }

    static boolean bool(String key, String raw) {
        String text = raw.trim().toLowerCase(Locale.ROOT);
        if (text.equals("true")) {
            return true;
        }
        if (text.equals("false")) {
            return false;
        }
        throw new ConfigException(key, raw, BOOLEAN_ALLOWED);
    }

    static GuardConfig.Mode mode(String key, String raw) {
        for (GuardConfig.Mode mode : GuardConfig.Mode.values()) {
            if (mode.text().equalsIgnoreCase(raw.trim())) {
                return mode;
            }
        }
        throw new ConfigException(key, raw, "expected enforce or monitor");
    }

    private static int shiftFor(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
    }

    private static long scaled(String key, String raw, String digits, int shift) {
        try {
            long value = Long.parseLong(digits);
            if (value > (Long.MAX_VALUE >> shift)) {
                throw new ConfigException(key, raw, "expected a size below 8 EiB");
            }
            return value << shift;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, raw, "expected a size below 8 EiB");
        }
    }
}
