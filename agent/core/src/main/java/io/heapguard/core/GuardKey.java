package io.heapguard.core;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The guard's configuration keys, each declared once: its name, what it takes and its default as
 * the table in docs/configuration.md shows them (a test compares the two), and how its text is read
 * into a {@link GuardConfig.Builder}. A test reads each default text and compares the result with
 * the builder's own default, so a documented default cannot drift from the real one.
 *
 * <p>Adding a key: a constant here, its field and accessor in {@link GuardConfig} (with the builder
 * setter the constant calls), and a row in docs/configuration.md.
 */
public enum GuardKey {

    MODE("mode", "`enforce` or `monitor` (any case)", "enforce",
            (b, key, raw, jvmMax) -> b.mode(ConfigValues.mode(key, raw))),
    MAX_HEAP("maxHeap", "size", "90%",
            (b, key, raw, jvmMax) -> b.maxHeapBytes(ConfigValues.size(key, raw, jvmMax, 1))),
    /** No default text: {@link GuardConfig.Builder#build()} takes a fraction of maxHeap. */
    MAX_PER_CALL("maxPerCall", "size", null, "`25%` of `maxHeap`",
            (b, key, raw, jvmMax) -> b.maxPerCallBytes(ConfigValues.size(key, raw, jvmMax, 1))),
    WARNING_THRESHOLD("warningThreshold", "fraction, above 0 up to 1", "0.75",
            (b, key, raw, jvmMax) -> b.warningThreshold(ConfigValues.fraction(key, raw, 0, true, 1))),
    CRITICAL_THRESHOLD("criticalThreshold", "fraction, above 0 up to 1", "0.85",
            (b, key, raw, jvmMax) -> b.criticalThreshold(ConfigValues.fraction(key, raw, 0, true, 1))),
    CLEANUP_THRESHOLD("cleanupThreshold", "fraction, above 0 up to 1", "0.90",
            (b, key, raw, jvmMax) -> b.cleanupThreshold(ConfigValues.fraction(key, raw, 0, true, 1))),
    CLEANUP_INTERVAL("cleanupInterval", "duration, at least 0", "5s",
            (b, key, raw, jvmMax) -> b.cleanupInterval(ConfigValues.duration(key, raw, java.time.Duration.ZERO))),
    CLEANUP_WAIT("cleanupWait", "duration, at least 0", "200ms",
            (b, key, raw, jvmMax) -> b.cleanupWait(ConfigValues.duration(key, raw, java.time.Duration.ZERO))),
    LEAK_AGE("leakAge", "duration, above 0", "5m",
            (b, key, raw, jvmMax) -> b.leakAge(ConfigValues.duration(key, raw, java.time.Duration.ofMillis(1)))),
    FAIL_OPEN("failOpen", "boolean", "true",
            (b, key, raw, jvmMax) -> b.failOpen(ConfigValues.bool(key, raw))),
    DEFAULT_ESTIMATE("defaultEstimate", "size, at least 0", "1m",
            (b, key, raw, jvmMax) -> b.defaultEstimateBytes(ConfigValues.size(key, raw, jvmMax, 0))),
    FAULT_REJECT_PROBABILITY("fault.rejectProbability", "number from 0 to 1", "0",
            (b, key, raw, jvmMax) -> b.faultRejectProbability(ConfigValues.fraction(key, raw, 0, false, 1))),
    FAULT_ERROR_PROBABILITY("fault.errorProbability", "number from 0 to 1", "0",
            (b, key, raw, jvmMax) -> b.faultErrorProbability(ConfigValues.fraction(key, raw, 0, false, 1)));

    /** Prefix of the per-operation keys, {@code operations.<op>.<limit>} ({@link OperationKey}). */
    public static final String OPERATIONS_PREFIX = "operations.";

    private static final Map<String, GuardKey> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(GuardKey::key, Function.identity()));

    private final KeyDescription description;
    private final String defaultText;
    private final Reader reader;

    GuardKey(String key, String accepts, String defaultText, Reader reader) {
        this(KeyDescription.withDefault(key, accepts, defaultText), defaultText, reader);
    }

    GuardKey(String key, String accepts, String defaultText, String defaultDoc, Reader reader) {
        this(new KeyDescription(key, accepts, defaultDoc), defaultText, reader);
    }

    GuardKey(KeyDescription description, String defaultText, Reader reader) {
        this.description = description;
        this.defaultText = defaultText;
        this.reader = reader;
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
    void apply(GuardConfig.Builder builder, String raw, long jvmMaxHeapBytes) {
        reader.read(builder, key(), raw, jvmMaxHeapBytes);
    }

    /** The default in the configuration's text form; null for one the builder computes. */
    String defaultText() {
        return defaultText;
    }

    /** The limits one operation can set: {@code operations.<op>.<limit>}. */
    public enum OperationKey {
        MAX_PER_CALL("maxPerCall", "size", "none",
                (b, op, key, raw, jvmMax) -> b.operationMaxPerCallBytes(op, ConfigValues.size(key, raw, jvmMax, 1))),
        MAX_IN_FLIGHT("maxInFlight", "size", "none",
                (b, op, key, raw, jvmMax) -> b.operationMaxInFlightBytes(op, ConfigValues.size(key, raw, jvmMax, 1))),
        MAX_CONCURRENT("maxConcurrent", "whole number, at least 1", "none",
                (b, op, key, raw, jvmMax) -> b.operationMaxConcurrent(op, ConfigValues.positiveInt(key, raw))),
        DEFAULT_ESTIMATE("defaultEstimate", "size, at least 0", "`defaultEstimate`",
                (b, op, key, raw, jvmMax) -> b.operationDefaultEstimateBytes(op, ConfigValues.size(key, raw, jvmMax, 0)));

        private static final String ALLOWED = "expected " + OPERATIONS_PREFIX + "<operation>."
                + Arrays.stream(values()).map(OperationKey::limit).collect(Collectors.joining("|"));

        private final String limit;
        private final KeyDescription description;
        private final OperationReader reader;

        OperationKey(String limit, String accepts, String defaultDoc, OperationReader reader) {
            this.limit = limit;
            this.description = new KeyDescription(keyFor("<op>"), accepts, defaultDoc);
            this.reader = reader;
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

        /** What the per-operation keys look like, for messages. */
        public static String allowed() {
            return ALLOWED;
        }

        /** Reads a key under {@code operations.}: the operation is all between the prefix and the last dot. */
        static void apply(GuardConfig.Builder builder, String key, String raw, long jvmMaxHeapBytes) {
            String rest = key.substring(OPERATIONS_PREFIX.length());
            int dot = rest.lastIndexOf('.');
            if (dot > 0) {
                String limit = rest.substring(dot + 1);
                for (OperationKey k : values()) {
                    if (k.limit.equals(limit)) {
                        k.reader.read(builder, rest.substring(0, dot), key, raw, jvmMaxHeapBytes);
                        return;
                    }
                }
            }
            throw new ConfigException(key, raw, ALLOWED);
        }
    }

    @FunctionalInterface
    private interface Reader {
        void read(GuardConfig.Builder builder, String key, String raw, long jvmMaxHeapBytes);
    }

    @FunctionalInterface
    private interface OperationReader {
        void read(GuardConfig.Builder builder, String operation, String key, String raw, long jvmMaxHeapBytes);
    }
}
