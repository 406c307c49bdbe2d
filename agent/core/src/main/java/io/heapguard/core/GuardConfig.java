package io.heapguard.core;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The guard's immutable configuration. Build it with {@link #builder(long)} or parse the text keys
 * with {@link #fromSettings(Map, long)}; both validate every value and throw {@link ConfigException}
 * naming the key, the value and what is allowed.
 *
 * <p>Sizes are bytes. A percentage in text form ({@code 70%}) is of the JVM's max heap.
 */
public final class GuardConfig {

    /** Enforce the limits, or only count what would have been rejected. */
    public enum Mode {
        ENFORCE, MONITOR;

        /** The configuration text: {@code enforce} or {@code monitor}. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Limits of one operation type; {@link #NOT_SET} where the operation has no limit of its own.
     */
    public record OperationLimits(long maxPerCallBytes, long maxInFlightBytes, int maxConcurrent,
                                  long defaultEstimateBytes) {
        public static final int NOT_SET = -1;
        static final OperationLimits NONE = new OperationLimits(NOT_SET, NOT_SET, NOT_SET, NOT_SET);
    }

    public static final String KEY_MODE = "mode";
    public static final String KEY_MAX_HEAP = "maxHeap";
    public static final String KEY_MAX_PER_CALL = "maxPerCall";
    public static final String KEY_WARNING_THRESHOLD = "warningThreshold";
    public static final String KEY_CRITICAL_THRESHOLD = "criticalThreshold";
    public static final String KEY_CLEANUP_THRESHOLD = "cleanupThreshold";
    public static final String KEY_CLEANUP_INTERVAL = "cleanupInterval";
    public static final String KEY_CLEANUP_WAIT = "cleanupWait";
    public static final String KEY_LEAK_AGE = "leakAge";
    public static final String KEY_FAIL_OPEN = "failOpen";
    public static final String KEY_DEFAULT_ESTIMATE = "defaultEstimate";
    public static final String KEY_FAULT_REJECT_PROBABILITY = "fault.rejectProbability";
    public static final String KEY_FAULT_ERROR_PROBABILITY = "fault.errorProbability";
    /** Prefix of the per-operation keys {@code operations.<op>.maxPerCall|maxInFlight|maxConcurrent|defaultEstimate}. */
    public static final String OPERATIONS_PREFIX = "operations.";
    public static final String OP_MAX_PER_CALL = "maxPerCall";
    public static final String OP_MAX_IN_FLIGHT = "maxInFlight";
    public static final String OP_MAX_CONCURRENT = "maxConcurrent";
    public static final String OP_DEFAULT_ESTIMATE = "defaultEstimate";

    public static final double DEFAULT_MAX_HEAP_FRACTION = 0.90;
    public static final double DEFAULT_MAX_PER_CALL_FRACTION_OF_MAX_HEAP = 0.25;
    public static final double DEFAULT_WARNING_THRESHOLD = 0.75;
    public static final double DEFAULT_CRITICAL_THRESHOLD = 0.85;
    public static final double DEFAULT_CLEANUP_THRESHOLD = 0.90;
    public static final Duration DEFAULT_CLEANUP_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CLEANUP_WAIT = Duration.ofMillis(200);
    public static final Duration DEFAULT_LEAK_AGE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofSeconds(1);
    public static final long DEFAULT_ESTIMATE_BYTES = 1L << 20;

    private static final Set<String> GLOBAL_KEYS = Set.of(KEY_MODE, KEY_MAX_HEAP, KEY_MAX_PER_CALL,
            KEY_WARNING_THRESHOLD, KEY_CRITICAL_THRESHOLD, KEY_CLEANUP_THRESHOLD, KEY_CLEANUP_INTERVAL,
            KEY_CLEANUP_WAIT, KEY_LEAK_AGE, KEY_FAIL_OPEN, KEY_DEFAULT_ESTIMATE,
            KEY_FAULT_REJECT_PROBABILITY, KEY_FAULT_ERROR_PROBABILITY);
    private static final String OP_KEYS_ALLOWED = "expected operations.<operation>.maxPerCall, .maxInFlight, "
            + ".maxConcurrent or .defaultEstimate";

    private final Mode mode;
    private final long jvmMaxHeapBytes;
    private final long maxHeapBytes;
    private final long maxPerCallBytes;
    private final double warningThreshold;
    private final double criticalThreshold;
    private final double cleanupThreshold;
    private final Duration cleanupInterval;
    private final Duration cleanupWait;
    private final Duration leakAge;
    private final Duration sampleInterval;
    private final boolean failOpen;
    private final long defaultEstimateBytes;
    private final double faultRejectProbability;
    private final double faultErrorProbability;
    private final Map<String, OperationLimits> operations;

    private GuardConfig(Builder b, long maxPerCallBytes) {
        this.mode = b.mode;
        this.jvmMaxHeapBytes = b.jvmMaxHeapBytes;
        this.maxHeapBytes = b.maxHeapBytes;
        this.maxPerCallBytes = maxPerCallBytes;
        this.warningThreshold = b.warningThreshold;
        this.criticalThreshold = b.criticalThreshold;
        this.cleanupThreshold = b.cleanupThreshold;
        this.cleanupInterval = b.cleanupInterval;
        this.cleanupWait = b.cleanupWait;
        this.leakAge = b.leakAge;
        this.sampleInterval = b.sampleInterval;
        this.failOpen = b.failOpen;
        this.defaultEstimateBytes = b.defaultEstimateBytes;
        this.faultRejectProbability = b.faultRejectProbability;
        this.faultErrorProbability = b.faultErrorProbability;
        this.operations = Collections.unmodifiableMap(new TreeMap<>(b.operations));
    }

    /** A builder with every default, for a JVM whose max heap is {@code jvmMaxHeapBytes}. */
    public static Builder builder(long jvmMaxHeapBytes) {
        return new Builder(jvmMaxHeapBytes);
    }

    /** A builder with every default, for this JVM ({@link Runtime#maxMemory()}). */
    public static Builder builder() {
        return new Builder(Runtime.getRuntime().maxMemory());
    }

    /** The defaults for this JVM. */
    public static GuardConfig defaults() {
        return builder().build();
    }

    /**
     * Whether the core owns {@code key} (a name without the {@code heapguard.} prefix). Keys under
     * {@code operations.} are all the core's: {@link #fromSettings} rejects the malformed ones.
     */
    public static boolean isGuardKey(String key) {
        return key != null && (GLOBAL_KEYS.contains(key) || key.startsWith(OPERATIONS_PREFIX));
    }

    /**
     * Parses a duration as the guard's own keys take it ({@code 200ms}, {@code 5s}, {@code 5m},
     * {@code 1h}; zero allowed), so the agent's duration keys read and fail the same way.
     *
     * @throws ConfigException naming the key, the value and what is allowed
     */
    public static Duration parseDuration(String key, String raw) {
        return ConfigValues.duration(key, raw, Duration.ZERO);
    }

    /**
     * Parses the guard's keys in {@code settings} (names without the {@code heapguard.} prefix);
     * keys for which {@link #isGuardKey} is false are ignored (they belong to the agent).
     *
     * @throws ConfigException for the first invalid value
     */
    public static GuardConfig fromSettings(Map<String, String> settings, long jvmMaxHeapBytes) {
        Objects.requireNonNull(settings, "settings");
        Builder b = builder(jvmMaxHeapBytes);
        for (Map.Entry<String, String> e : new TreeMap<>(settings).entrySet()) {
            String key = e.getKey();
            String raw = e.getValue() == null ? "" : e.getValue();
            if (isGuardKey(key)) {
                apply(b, key, raw, jvmMaxHeapBytes);
            }
        }
        return b.build();
    }

    private static void apply(Builder b, String key, String raw, long jvmMax) {
        switch (key) {
            case KEY_MODE -> b.mode(ConfigValues.mode(key, raw));
            case KEY_MAX_HEAP -> b.maxHeapBytes(ConfigValues.size(key, raw, jvmMax, 1));
            case KEY_MAX_PER_CALL -> b.maxPerCallBytes(ConfigValues.size(key, raw, jvmMax, 1));
            case KEY_WARNING_THRESHOLD -> b.warningThreshold = ConfigValues.fraction(key, raw, 0, true, 1);
            case KEY_CRITICAL_THRESHOLD -> b.criticalThreshold = ConfigValues.fraction(key, raw, 0, true, 1);
            case KEY_CLEANUP_THRESHOLD -> b.cleanupThreshold = ConfigValues.fraction(key, raw, 0, true, 1);
            case KEY_CLEANUP_INTERVAL -> b.cleanupInterval(ConfigValues.duration(key, raw, Duration.ZERO));
            case KEY_CLEANUP_WAIT -> b.cleanupWait(ConfigValues.duration(key, raw, Duration.ZERO));
            case KEY_LEAK_AGE -> b.leakAge(ConfigValues.duration(key, raw, Duration.ofMillis(1)));
            case KEY_FAIL_OPEN -> b.failOpen(ConfigValues.bool(key, raw));
            case KEY_DEFAULT_ESTIMATE -> b.defaultEstimateBytes(ConfigValues.size(key, raw, jvmMax, 0));
            case KEY_FAULT_REJECT_PROBABILITY -> b.faultRejectProbability(ConfigValues.fraction(key, raw, 0, false, 1));
            case KEY_FAULT_ERROR_PROBABILITY -> b.faultErrorProbability(ConfigValues.fraction(key, raw, 0, false, 1));
            default -> applyOperationKey(b, key, raw, jvmMax);
        }
    }

    private static void applyOperationKey(Builder b, String key, String raw, long jvmMax) {
        String rest = key.substring(OPERATIONS_PREFIX.length());
        int dot = rest.lastIndexOf('.');
        if (dot <= 0 || dot == rest.length() - 1) {
            throw new ConfigException(key, raw, OP_KEYS_ALLOWED);
        }
        String op = rest.substring(0, dot);
        switch (rest.substring(dot + 1)) {
            case OP_MAX_PER_CALL -> b.operationMaxPerCallBytes(op, ConfigValues.size(key, raw, jvmMax, 1));
            case OP_MAX_IN_FLIGHT -> b.operationMaxInFlightBytes(op, ConfigValues.size(key, raw, jvmMax, 1));
            case OP_MAX_CONCURRENT -> b.operationMaxConcurrent(op, ConfigValues.positiveInt(key, raw));
            case OP_DEFAULT_ESTIMATE -> b.operationDefaultEstimateBytes(op, ConfigValues.size(key, raw, jvmMax, 0));
            default -> throw new ConfigException(key, raw, OP_KEYS_ALLOWED);
        }
    }

    public Mode mode() {
        return mode;
    }

    public boolean monitorOnly() {
        return mode == Mode.MONITOR;
    }

    /** The JVM max heap the percentages were taken of. */
    public long jvmMaxHeapBytes() {
        return jvmMaxHeapBytes;
    }

    /** The budget: live heap after GC plus reservations are kept under it. */
    public long maxHeapBytes() {
        return maxHeapBytes;
    }

    /** The largest single estimate admitted (never above {@link #maxHeapBytes()}). */
    public long maxPerCallBytes() {
        return maxPerCallBytes;
    }

    public double warningThreshold() {
        return warningThreshold;
    }

    public double criticalThreshold() {
        return criticalThreshold;
    }

    public double cleanupThreshold() {
        return cleanupThreshold;
    }

    public Duration cleanupInterval() {
        return cleanupInterval;
    }

    /** How long the caller that triggered a cleanup waits for it before re-checking. */
    public Duration cleanupWait() {
        return cleanupWait;
    }

    public Duration leakAge() {
        return leakAge;
    }

    /** How often the background sampler reads memory figures and checks for leaks (builder only). */
    public Duration sampleInterval() {
        return sampleInterval;
    }

    public boolean failOpen() {
        return failOpen;
    }

    public long defaultEstimateBytes() {
        return defaultEstimateBytes;
    }

    public double faultRejectProbability() {
        return faultRejectProbability;
    }

    public double faultErrorProbability() {
        return faultErrorProbability;
    }

    /** Per-operation limits by operation name (sorted). */
    public Map<String, OperationLimits> operations() {
        return operations;
    }

    /** The limits configured for {@code operation}, all {@link OperationLimits#NOT_SET} when none. */
    public OperationLimits operation(String operation) {
        return operations.getOrDefault(operation, OperationLimits.NONE);
    }

    @Override
    public String toString() {
        return "GuardConfig{mode=" + mode.text() + ", maxHeap=" + maxHeapBytes + ", maxPerCall=" + maxPerCallBytes
                + ", thresholds=" + warningThreshold + "/" + criticalThreshold + "/" + cleanupThreshold
                + ", cleanupInterval=" + cleanupInterval + ", cleanupWait=" + cleanupWait + ", leakAge=" + leakAge
                + ", failOpen=" + failOpen + ", defaultEstimate=" + defaultEstimateBytes
                + ", operations=" + operations + "}";
    }

    /** Set-once style builder; {@link #build()} validates the values together. */
    public static final class Builder {
        private final long jvmMaxHeapBytes;
        private Mode mode = Mode.ENFORCE;
        private long maxHeapBytes;
        private long maxPerCallBytes = -1;
        private double warningThreshold = DEFAULT_WARNING_THRESHOLD;
        private double criticalThreshold = DEFAULT_CRITICAL_THRESHOLD;
        private double cleanupThreshold = DEFAULT_CLEANUP_THRESHOLD;
        private Duration cleanupInterval = DEFAULT_CLEANUP_INTERVAL;
        private Duration cleanupWait = DEFAULT_CLEANUP_WAIT;
        private Duration leakAge = DEFAULT_LEAK_AGE;
        private Duration sampleInterval = DEFAULT_SAMPLE_INTERVAL;
        private boolean failOpen = true;
        private long defaultEstimateBytes = DEFAULT_ESTIMATE_BYTES;
        private double faultRejectProbability;
        private double faultErrorProbability;
        private final Map<String, OperationLimits> operations = new LinkedHashMap<>();

        private Builder(long jvmMaxHeapBytes) {
            if (jvmMaxHeapBytes <= 0) {
                throw new IllegalArgumentException("jvmMaxHeapBytes must be > 0, was " + jvmMaxHeapBytes);
            }
            this.jvmMaxHeapBytes = jvmMaxHeapBytes;
            this.maxHeapBytes = (long) (jvmMaxHeapBytes * DEFAULT_MAX_HEAP_FRACTION);
        }

        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, KEY_MODE);
            return this;
        }

        public Builder maxHeapBytes(long bytes) {
            this.maxHeapBytes = atLeast(KEY_MAX_HEAP, bytes, 1);
            return this;
        }

        /** Default: {@value #DEFAULT_MAX_PER_CALL_FRACTION_OF_MAX_HEAP} of maxHeap. */
        public Builder maxPerCallBytes(long bytes) {
            this.maxPerCallBytes = atLeast(KEY_MAX_PER_CALL, bytes, 1);
            return this;
        }

        /** Fractions of maxHeap with {@code 0 < warning < critical <= cleanup <= 1}, checked by {@link #build()}. */
        public Builder thresholds(double warning, double critical, double cleanup) {
            this.warningThreshold = warning;
            this.criticalThreshold = critical;
            this.cleanupThreshold = cleanup;
            return this;
        }

        public Builder cleanupInterval(Duration interval) {
            this.cleanupInterval = notNegative(KEY_CLEANUP_INTERVAL, interval);
            return this;
        }

        public Builder cleanupWait(Duration wait) {
            this.cleanupWait = notNegative(KEY_CLEANUP_WAIT, wait);
            return this;
        }

        public Builder leakAge(Duration age) {
            this.leakAge = notNegative(KEY_LEAK_AGE, age);
            if (age.isZero()) {
                throw new ConfigException(KEY_LEAK_AGE, age.toString(), "expected a duration above 0");
            }
            return this;
        }

        public Builder sampleInterval(Duration interval) {
            Objects.requireNonNull(interval, "sampleInterval");
            if (interval.toMillis() < 1) {
                throw new ConfigException("sampleInterval", interval.toString(), "expected a duration of at least 1ms");
            }
            this.sampleInterval = interval;
            return this;
        }

        public Builder failOpen(boolean failOpen) {
            this.failOpen = failOpen;
            return this;
        }

        public Builder defaultEstimateBytes(long bytes) {
            this.defaultEstimateBytes = atLeast(KEY_DEFAULT_ESTIMATE, bytes, 0);
            return this;
        }

        public Builder faultRejectProbability(double p) {
            this.faultRejectProbability = probability(KEY_FAULT_REJECT_PROBABILITY, p);
            return this;
        }

        public Builder faultErrorProbability(double p) {
            this.faultErrorProbability = probability(KEY_FAULT_ERROR_PROBABILITY, p);
            return this;
        }

        public Builder operationMaxPerCallBytes(String operation, long bytes) {
            atLeast(opKey(operation, OP_MAX_PER_CALL), bytes, 1);
            OperationLimits l = limits(operation);
            operations.put(operation, new OperationLimits(bytes, l.maxInFlightBytes(), l.maxConcurrent(), l.defaultEstimateBytes()));
            return this;
        }

        public Builder operationMaxInFlightBytes(String operation, long bytes) {
            atLeast(opKey(operation, OP_MAX_IN_FLIGHT), bytes, 1);
            OperationLimits l = limits(operation);
            operations.put(operation, new OperationLimits(l.maxPerCallBytes(), bytes, l.maxConcurrent(), l.defaultEstimateBytes()));
            return this;
        }

        public Builder operationMaxConcurrent(String operation, int calls) {
            atLeast(opKey(operation, OP_MAX_CONCURRENT), calls, 1);
            OperationLimits l = limits(operation);
            operations.put(operation, new OperationLimits(l.maxPerCallBytes(), l.maxInFlightBytes(), calls, l.defaultEstimateBytes()));
            return this;
        }

        public Builder operationDefaultEstimateBytes(String operation, long bytes) {
            atLeast(opKey(operation, OP_DEFAULT_ESTIMATE), bytes, 0);
            OperationLimits l = limits(operation);
            operations.put(operation, new OperationLimits(l.maxPerCallBytes(), l.maxInFlightBytes(), l.maxConcurrent(), bytes));
            return this;
        }

        /** Validates the values together and builds the configuration. */
        public GuardConfig build() {
            checkThresholds();
            long perCall = maxPerCallBytes > 0 ? maxPerCallBytes
                    : Math.max(1, (long) (maxHeapBytes * DEFAULT_MAX_PER_CALL_FRACTION_OF_MAX_HEAP));
            return new GuardConfig(this, Math.min(perCall, maxHeapBytes));
        }

        private void checkThresholds() {
            checkFraction(KEY_WARNING_THRESHOLD, warningThreshold);
            checkFraction(KEY_CRITICAL_THRESHOLD, criticalThreshold);
            checkFraction(KEY_CLEANUP_THRESHOLD, cleanupThreshold);
            String rule = "expected 0 < warningThreshold < criticalThreshold <= cleanupThreshold <= 1";
            if (warningThreshold >= criticalThreshold) {
                throw new ConfigException(KEY_WARNING_THRESHOLD + " and " + KEY_CRITICAL_THRESHOLD,
                        warningThreshold + " and " + criticalThreshold, rule);
            }
            if (criticalThreshold > cleanupThreshold) {
                throw new ConfigException(KEY_CRITICAL_THRESHOLD + " and " + KEY_CLEANUP_THRESHOLD,
                        criticalThreshold + " and " + cleanupThreshold, rule);
            }
        }

        private static void checkFraction(String key, double value) {
            if (!(value > 0 && value <= 1)) {
                throw new ConfigException(key, String.valueOf(value), "expected a number above 0.0 to 1.0");
            }
        }

        private OperationLimits limits(String operation) {
            return operations.getOrDefault(operation, OperationLimits.NONE);
        }

        private static String opKey(String operation, String limit) {
            if (operation == null || operation.isBlank()) {
                throw new ConfigException(OPERATIONS_PREFIX + operation + "." + limit, String.valueOf(operation),
                        "expected a non-blank operation name");
            }
            return OPERATIONS_PREFIX + operation + "." + limit;
        }

        private static long atLeast(String key, long value, long min) {
            if (value < min) {
                throw new ConfigException(key, String.valueOf(value), "expected at least " + min);
            }
            return value;
        }

        private static Duration notNegative(String key, Duration d) {
            Objects.requireNonNull(d, key);
            if (d.isNegative()) {
                throw new ConfigException(key, d.toString(), "expected a duration of 0 or more");
            }
            return d;
        }

        private static double probability(String key, double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new ConfigException(key, String.valueOf(p), "expected a number from 0.0 to 1.0");
            }
            return p;
        }
    }
}
