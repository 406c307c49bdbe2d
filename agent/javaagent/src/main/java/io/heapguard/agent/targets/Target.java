package io.heapguard.agent.targets;

import java.util.List;
import java.util.Objects;

/**
 * One configured target: a method heapguard guards although nobody annotated it, with the same
 * estimate forms, rejection behaviour and priority as {@code @MemoryAware}. Immutable; built by
 * {@link Builder} from the {@code targets} configuration (docs/guard-a-library-method.md), which checks
 * every field with a message naming the target, the field, the value and what is allowed.
 */
public final class Target {

    /** What a rejected call does. {@code FALLBACK} has no meaning here: a target names no fallback method. */
    public enum OnReject { THROW, WAIT }

    /** Exactly one of the annotation's three estimate forms. */
    public sealed interface Estimate permits Expression, FixedBytes, EstimatorClass {
    }

    /** {@code estimate}: an expression over {@code $0..$n} (and parameter names where the class file has them). */
    public record Expression(String source) implements Estimate {
    }

    /** {@code bytes}: the same estimate for every call. */
    public record FixedBytes(long bytes) implements Estimate {
    }

    /** {@code estimator}: a {@code MemoryEstimator} class, loaded from the target class's own loader. */
    public record EstimatorClass(String className) implements Estimate {
    }

    private final String name;
    private final String className;
    private final boolean subtypes;
    private final String methodName;
    private final List<String> parameterTypes;
    private final String operation;
    private final Estimate estimate;
    private final OnReject onReject;
    private final long maxWaitMillis;
    private final int priority;

    private Target(Builder builder) {
        this.name = Objects.requireNonNull(builder.name, "name");
        this.className = Objects.requireNonNull(builder.className, "className");
        this.subtypes = builder.subtypes;
        this.methodName = Objects.requireNonNull(builder.methodName, "methodName");
        this.parameterTypes = builder.parameterTypes == null ? null : List.copyOf(builder.parameterTypes);
        this.operation = builder.operation == null ? builder.name : builder.operation;
        this.estimate = Objects.requireNonNull(builder.estimate, "estimate");
        this.onReject = builder.onReject;
        this.maxWaitMillis = builder.maxWaitMillis;
        this.priority = builder.priority;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The name under {@code targets}; also the operation unless {@code operation} is given. */
    public String name() {
        return name;
    }

    /** Binary name ({@code java.util.Base64$Decoder}). */
    public String className() {
        return className;
    }

    /** Whether every subclass or implementation of {@link #className()} is guarded too. */
    public boolean subtypes() {
        return subtypes;
    }

    public String methodName() {
        return methodName;
    }

    /** The overload's parameter types as written in the configuration, or null for every overload. */
    public List<String> parameterTypes() {
        return parameterTypes;
    }

    public String operation() {
        return operation;
    }

    public Estimate estimate() {
        return estimate;
    }

    public OnReject onReject() {
        return onReject;
    }

    /** How long a rejected call waits for room before it throws; 0 unless {@code onReject = WAIT}. */
    public long maxWaitMillis() {
        return maxWaitMillis;
    }

    public int priority() {
        return priority;
    }

    /**
     * {@code java.util.Base64$Decoder#decode(java.lang.String)}, {@code ...#decode(*)} for every overload,
     * with {@code " and its subtypes"} when those are targeted too.
     */
    public String methodReference() {
        return className + "#" + methodName + "(" + (parameterTypes == null ? "*" : String.join(",", parameterTypes))
                + ")" + (subtypes ? " and its subtypes" : "");
    }

    @Override
    public String toString() {
        return "target '" + name + "' " + methodReference();
    }

    /** Set-once fields; {@link #build()} needs class, method and an estimate (the parser checks the rest). */
    public static final class Builder {
        private final String name;
        private String className;
        private boolean subtypes;
        private String methodName;
        private List<String> parameterTypes;
        private String operation;
        private Estimate estimate;
        private OnReject onReject = OnReject.THROW;
        private long maxWaitMillis;
        private int priority;

        private Builder(String name) {
            this.name = name;
        }

        public Builder className(String value) {
            this.className = value;
            return this;
        }

        public Builder subtypes(boolean value) {
            this.subtypes = value;
            return this;
        }

        public Builder methodName(String value) {
            this.methodName = value;
            return this;
        }

        /** @param value the types of the one overload to guard, or null for all of them */
        public Builder parameterTypes(List<String> value) {
            this.parameterTypes = value;
            return this;
        }

        public Builder operation(String value) {
            this.operation = value;
            return this;
        }

        public Builder estimate(Estimate value) {
            this.estimate = value;
            return this;
        }

        public Builder onReject(OnReject value) {
            this.onReject = value;
            return this;
        }

        public Builder maxWaitMillis(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("maxWaitMillis must be >= 0, was " + value);
            }
            this.maxWaitMillis = value;
            return this;
        }

        public Builder priority(int value) {
            this.priority = value;
            return this;
        }

        public Target build() {
            return new Target(this);
        }
    }
}
