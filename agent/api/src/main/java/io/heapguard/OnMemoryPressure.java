package io.heapguard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a no-argument method that frees memory (a cache's {@code invalidateAll}, say). The guard
 * calls it, off the caller's thread and rate limited, when the cleanup threshold is reached. It may
 * return {@code long} (bytes freed, reported in stats) or {@code void}.
 *
 * <p>Instance methods register their instance, weakly, when it is constructed: a collected instance
 * is forgotten. Static methods register when their class is loaded.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnMemoryPressure {
}
