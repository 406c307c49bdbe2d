package io.heapguard.agent.internal.advice;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the advice parameter that receives the woven method's registry id, bound as a constant at
 * transformation time ({@code Advice.withCustomMapping().bind(WovenMethodId.class, id)}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface WovenMethodId {
}
