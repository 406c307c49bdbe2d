package io.heapguard.core;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The guard's configuration keys, each declared once: its name, what it takes and its default as
 * the table in docs/configuration.md shows them (a test compares the two), and how its text is read
 * into a {@link GuardConfig.Builder} ({@link #apply}: an exhaustive switch, so a key without a
 * reader does not compile; no lambdas or streams, whose bootstrap premain would pay). A test reads each default text and compares the result with
 * the builder's own default, so a documented default cannot drift from the real one.
 *
 * <p>Adding a key: a constant here and its case in {@link #apply}, its field, accessor and builder
 * setter in {@link GuardConfig}, and a row in docs/configuration.md.
 */
public enum GuardKey {

    MODE("mode", "`enforce` or `monitor` (any case)", "enforce"),
    MAX_HEAP("maxHeap", "size", "90%"),
    /** No default text: {@link GuardConfig.Builder#build()} takes a fraction of maxHeap. */
    MAX_PER_CALL("maxPerCall", "size", null, "`25%` of `maxHeap`"),
    WARNING_THRESHOLD("warningThreshold", "fraction, above 0 up to 1", "0.75"),
    CRITICAL_THRESHOLD("criticalThreshold", "fraction, above 0 up to 1", "0.85"),
    CLEANUP_THRESHOLD("cleanupThreshold", "fraction, above 0 up to 1", "0.90"),
    CLEANUP_INTERVAL("cleanupInterval", "duration, at least 0", "5s"),
    CLEANUP_WAIT("cleanupWait", "duration, at least 0", "200ms"),
    LEAK_AGE("leakAge", "duration, above 0", "5m"),
    FAIL_OPEN("failOpen", "boolean", "true"),
    DEFAULT_ESTIMATE("defaultEstimate", "size, at least 0", "1m"),
    FAULT_REJECT_PROBABILITY("fault.rejectProbability", "number from 0 to 1", "0"),
    FAULT_ERROR_PROBABILITY("fault.errorProbability", "number from 0 to 1", "0");

    /** Prefix of the per-operation keys, {@code operations.<op>.<limit>} ({@link OperationKey}). */
    public static final String OPERATIONS_PREFIX = "operations.";

    private static final Map<String, GuardKey> BY_NAME = new HashMap<>();

    static {
        for (GuardKey key : values()) {
            BY_NAME.put(key.key(), key);
        }
    }

    private final KeyDescription description;
    private final String defaultText;

    GuardKey(String key, String accepts, String defaultText) {
        this(KeyDescription.withDefault(key, accepts, defaultText), defaultText);
    }

    GuardKey(String key, String accepts, String defaultText, String defaultDoc) {
        this(new KeyDescription(key, accepts, defaultDoc), defaultText);
    }

    GuardKey(KeyDescription description, String defaultText) {
        this.description = description;
        this.defaultText = defaultText;
    }

    /** The key as users write it, without the {@code heapguard.} prefix. */
    public String key() {
        return description.key();
    }

    /** Name, type and default as the documentation's table shows them. */
    public KeyDescription description() {
        return description;
    }

    /** The global key named {@code key}, if any (per-operation keys are {@link OperationKey}s). */
    public static Optional<GuardKey> named(String key) {
        return Optional.ofNullable(BY_NAME.get(key));
    }

    /** Reads {@code raw} into the builder; a bad value is a {@link ConfigException} naming this key. */
    void apply(GuardConfig.Builder b, String raw, long jvmMax) {
        String key = key();
        // a switch expression with no default: a constant without its case does not compile
        GuardConfig.Builder unused = switch (this) {
            case MODE -> b.mode(ConfigValues.mode(key, raw));
            case MAX_HEAP -> b.maxHeapBytes(ConfigValues.size(key, raw, jvmMax, 1));
            case MAX_PER_CALL -> b.maxPerCallBytes(ConfigValues.size(key, raw, jvmMax, 1));
            case WARNING_THRESHOLD -> b.warningThreshold(ConfigValues.fraction(key, raw, 0, true, 1));
            case CRITICAL_THRESHOLD -> b.criticalThreshold(ConfigValues.fraction(key, raw, 0, true, 1));
            case CLEANUP_THRESHOLD -> b.cleanupThreshold(ConfigValues.fraction(key, raw, 0, true, 1));
            case CLEANUP_INTERVAL -> b.cleanupInterval(ConfigValues.duration(key, raw, Duration.ZERO));
            case CLEANUP_WAIT -> b.cleanupWait(ConfigValues.duration(key, raw, Duration.ZERO));
            case LEAK_AGE -> b.leakAge(ConfigValues.duration(key, raw, Duration.ofMillis(1)));
            case FAIL_OPEN -> b.failOpen(ConfigValues.bool(key, raw));
            case DEFAULT_ESTIMATE -> b.defaultEstimateBytes(ConfigValues.size(key, raw, jvmMax, 0));
            case FAULT_REJECT_PROBABILITY -> b.faultRejectProbability(ConfigValues.fraction(key, raw, 0, false, 1));
            case FAULT_ERROR_PROBABILITY -> b.faultErrorProbability(ConfigValues.fraction(key, raw, 0, false, 1));
        };
    }

    /** The default in the configuration's text form; null for one the builder computes. */
    String defaultText() {
        return defaultText;
    }

    /** The limits one operation can set: {@code operations.<op>.<limit>}. */
    public enum OperationKey {
        MAX_PER_CALL("maxPerCall", "size", "none"),
        MAX_IN_FLIGHT("maxInFlight", "size", "none"),
        MAX_CONCURRENT("maxConcurrent", "whole number, at least 1", "none"),
        DEFAULT_ESTIMATE("defaultEstimate", "size, at least 0", "`defaultEstimate`");

        private static final String ALLOWED = allowedText();

        private final String limit;
        private final KeyDescription description;

        OperationKey(String limit, String accepts, String defaultDoc) {
            this.limit = limit;
            this.description = new KeyDescription(keyFor("<op>"), accepts, defaultDoc);
        }

        /** The last part of the key: {@code maxInFlight}. */
        public String limit() {
            return limit;
        }

        /** As the documentation's table shows it, for an operation {@code <op>}. */
        public KeyDescription description() {
            return description;
        }

        /** {@code operations.<operation>.<limit>} */
        public String keyFor(String operation) {
            return OPERATIONS_PREFIX + operation + "." + limit;
        }

        /** What the per-operation keys look like, for messages: {@code operations.<operation>.maxPerCall|...}. */
        public static String allowed() {
            return ALLOWED;
        }

        /** Reads a key under {@code operations.}: the operation is all between the prefix and the last dot. */
        static void apply(GuardConfig.Builder b, String key, String raw, long jvmMax) {
            String rest = key.substring(OPERATIONS_PREFIX.length());
            int dot = rest.lastIndexOf('.');
            if (dot > 0) {
                String limit = rest.substring(dot + 1);
                for (OperationKey k : values()) {
                    if (k.limit.equals(limit)) {
                        k.read(b, rest.substring(0, dot), key, raw, jvmMax);
                        return;
                    }
                }
            }
            throw new ConfigException(key, raw, "expected " + ALLOWED);
        }

        private void read(GuardConfig.Builder b, String op, String key, String raw, long jvmMax) {
            GuardConfig.Builder unused = switch (this) { // exhaustive: no default
                case MAX_PER_CALL -> b.operationMaxPerCallBytes(op, ConfigValues.size(key, raw, jvmMax, 1));
                case MAX_IN_FLIGHT -> b.operationMaxInFlightBytes(op, ConfigValues.size(key, raw, jvmMax, 1));
                case MAX_CONCURRENT -> b.operationMaxConcurrent(op, ConfigValues.positiveInt(key, raw));
                case DEFAULT_ESTIMATE -> b.operationDefaultEstimateBytes(op, ConfigValues.size(key, raw, jvmMax, 0));
            };
        }

        private static String allowedText() {
            StringBuilder text = new StringBuilder(OPERATIONS_PREFIX).append("<operation>.");
            for (OperationKey k : values()) {
                text.append(k.ordinal() == 0 ? "" : "|").append(k.limit);
            }
            return text.toString();
        }
    }
}
