package io.heapguard.agent.internal.advice;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the advice parameter that receives the thread's {@link io.heapguard.bootstrap.ArgumentFrame}
 * filled with the woven method's arguments, by code generated for that method's parameter types
 * ({@link ArgumentFrameMapping}): no argument array, no boxing. Read it once: every read runs that code.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface WovenArguments {
}
