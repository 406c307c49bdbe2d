package io.heapguard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose calls must be admitted by the guard before they run.
 *
 * <p>With the heapguard agent present, every call is sized (by {@link #bytes()}, {@link #estimator()}
 * or {@link #estimate()}, first one set wins in that order) and admitted or rejected against the
 * configured limits before the body executes. Without the agent the annotation does nothing.
 *
 * <p>The agent matches this annotation by name, so applications may ship their own copy of
 * heapguard-api.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface MemoryAware {

    /** Value of {@link #bytes()} meaning "not set". */
    long UNSET_BYTES = -1L;

    /** Default for {@link #maxWaitMillis()}. */
    long DEFAULT_MAX_WAIT_MILLIS = 1_000L;

    /**
     * Operation type; limits and statistics are grouped by it. Empty means
     * {@code SimpleClassName#methodName}.
     */
    String operation() default "";

    /**
     * The call's estimated bytes as an expression over its parameters, for example
     * {@code "len(vector) * 4 + min(k, 10000) * 1KB"}. Parameters by name (compiled with
     * {@code -parameters}) or position ({@code $0}, {@code $1}); property access
     * ({@code query.limit}); {@code + - * / ( )}; {@code min max len}; units {@code KB MB GB}
     * (binary); {@code a ?: b} when {@code a} is null.
     */
    String estimate() default "";

    /** An estimator class, instantiated once with its no-argument constructor. */
    Class<? extends MemoryEstimator> estimator() default MemoryEstimator.class;

    /** A fixed estimate in bytes; {@link #UNSET_BYTES} means not set. */
    long bytes() default UNSET_BYTES;

    /** What happens when the call cannot be admitted. */
    OnReject onReject() default OnReject.THROW;

    /**
     * With {@link OnReject#FALLBACK}: the name of a method in the same class with the same
     * parameters (optionally followed by a {@link MemoryGuardException}) and a compatible return type.
     */
    String fallback() default "";

    /** With {@link OnReject#WAIT}: the longest a call waits for memory before it is rejected. */
    long maxWaitMillis() default DEFAULT_MAX_WAIT_MILLIS;

    /** Under critical pressure lower priorities are shed first. */
    int priority() default 0;
}
