package io.heapguard.core;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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

    public static final double DEFAULT_MAX_HEAP_FRACTION = 0.90;
    public static final double DEFAULT_MAX_PER_CALL_FRACTION_OF_MAX_HEAP = 0.25;
    /** Not a key: how often the sampler thread reads memory figures (the builder sets it for tests). */
    public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofSeconds(1);

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
        return key != null && (GuardKey.named(key).isPresent() || key.startsWith(GuardKey.OPERATIONS_PREFIX));
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
        // no lambda: this runs in the agent's premain, where the JVM's first lambda costs milliseconds
        GuardKey global = GuardKey.named(key).orElse(null);
        if (global != null) {
            global.apply(b, raw, jvmMax);
        } else {
            GuardKey.OperationKey.apply(b, key, raw, jvmMax);
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
        // the defaults GuardKey documents (GuardKeyTest reads its texts and compares); typed here
        // so premain parses nothing it was not given
        private Mode mode = Mode.ENFORCE;
        private long maxHeapBytes;
        private long maxPerCallBytes = -1;
        private double warningThreshold = 0.75;
        private double criticalThreshold = 0.85;
        private double cleanupThreshold = 0.90;
        private Duration cleanupInterval = Duration.ofSeconds(5);
        private Duration cleanupWait = Duration.ofMillis(200);
        private Duration leakAge = Duration.ofMinutes(5);
        private Duration sampleInterval = DEFAULT_SAMPLE_INTERVAL;
        private boolean failOpen = true;
        private long defaultEstimateBytes = 1L << 20;
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
            this.mode = Objects.requireNonNull(mode, GuardKey.MODE.key());
            return this;
        }

        public Builder maxHeapBytes(long bytes) {
            this.maxHeapBytes = atLeast(GuardKey.MAX_HEAP.key(), bytes, 1);
            return this;
        }

        /** Default: {@value #DEFAULT_MAX_PER_CALL_FRACTION_OF_MAX_HEAP} of maxHeap. */
        public Builder maxPerCallBytes(long bytes) {
            this.maxPerCallBytes = atLeast(GuardKey.MAX_PER_CALL.key(), bytes, 1);
            return this;
        }

        /** Fractions of maxHeap with {@code 0 < warning < critical <= cleanup <= 1}, checked by {@link #build()}. */
        public Builder thresholds(double warning, double critical, double cleanup) {
            this.warningThreshold = warning;
            this.criticalThreshold = critical;
            this.cleanupThreshold = cleanup;
            return this;
        }

        Builder warningThreshold(double fraction) {
            this.warningThreshold = fraction;
            return this;
        }

        Builder criticalThreshold(double fraction) {
            this.criticalThreshold = fraction;
            return this;
        }

        Builder cleanupThreshold(double fraction) {
            this.cleanupThreshold = fraction;
            return this;
        }

        public Builder cleanupInterval(Duration interval) {
            this.cleanupInterval = notNegative(GuardKey.CLEANUP_INTERVAL.key(), interval);
            return this;
        }

        public Builder cleanupWait(Duration wait) {
            this.cleanupWait = notNegative(GuardKey.CLEANUP_WAIT.key(), wait);
            return this;
        }

        public Builder leakAge(Duration age) {
            this.leakAge = notNegative(GuardKey.LEAK_AGE.key(), age);
            if (age.isZero()) {
                throw new ConfigException(GuardKey.LEAK_AGE.key(), age.toString(), "expected a duration above 0");
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
            this.defaultEstimateBytes = atLeast(GuardKey.DEFAULT_ESTIMATE.key(), bytes, 0);
            return this;
        }

        public Builder faultRejectProbability(double p) {
            this.faultRejectProbability = probability(GuardKey.FAULT_REJECT_PROBABILITY.key(), p);
            return this;
        }

        public Builder faultErrorProbability(double p) {
            this.faultErrorProbability = probability(GuardKey.FAULT_ERROR_PROBABILITY.key(), p);
            return this;
        }

        public Builder operationMaxPerCallBytes(String operation, long bytes) {
            atLeast(opKey(operation, GuardKey.OperationKey.MAX_PER_CALL), bytes, 1);
            OperationLimits l = limits(operation);
            operations.put(operation, new OperationLimits(bytes, l.maxInFlightBytes(), l.maxConcurrent(), l.defaultEstimateBytes()));
            return this;
        }

        public Builder operationMaxInFlightBytes(String operation, long bytes) {
            atLeast(opKey(operation, GuardKey.OperationKey.MAX_IN_FLIGHT), bytes, 1);
            OperationLimits l = limits(operation);
            operations.put(operation, new OperationLimits(l.maxPerCallBytes(), bytes, l.maxConcurrent(), l.defaultEstimateBytes()));
            return this;
        }

        public Builder operationMaxConcurrent(String operation, int calls) {
            atLeast(opKey(operation, GuardKey.OperationKey.MAX_CONCURRENT), calls, 1);
            OperationLimits l = limits(operation);
            operations.put(operation, new OperationLimits(l.maxPerCallBytes(), l.maxInFlightBytes(), calls, l.defaultEstimateBytes()));
            return this;
        }

        public Builder operationDefaultEstimateBytes(String operation, long bytes) {
            atLeast(opKey(operation, GuardKey.OperationKey.DEFAULT_ESTIMATE), bytes, 0);
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
            checkFraction(GuardKey.WARNING_THRESHOLD.key(), warningThreshold);
            checkFraction(GuardKey.CRITICAL_THRESHOLD.key(), criticalThreshold);
            checkFraction(GuardKey.CLEANUP_THRESHOLD.key(), cleanupThreshold);
            String rule = "expected 0 < warningThreshold < criticalThreshold <= cleanupThreshold <= 1";
            if (warningThreshold >= criticalThreshold) {
                throw new ConfigException(GuardKey.WARNING_THRESHOLD.key() + " and " + GuardKey.CRITICAL_THRESHOLD.key(),
                        warningThreshold + " and " + criticalThreshold, rule);
            }
            if (criticalThreshold > cleanupThreshold) {
                throw new ConfigException(GuardKey.CRITICAL_THRESHOLD.key() + " and " + GuardKey.CLEANUP_THRESHOLD.key(),
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

        private static String opKey(String operation, GuardKey.OperationKey limit) {
            if (operation == null || operation.isBlank()) {
                throw new ConfigException(limit.keyFor(String.valueOf(operation)), String.valueOf(operation),
                        "expected a non-blank operation name");
            }
            return limit.keyFor(operation);
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
