package io.heapguard.agent.internal.advice;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the advice parameter that receives the call's estimate in bytes, computed by code compiled
 * from the method's estimate ({@link EstimateCodeMapping}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface WovenEstimate {
}
