package io.heapguard.agent.internal.advice;

import io.heapguard.bootstrap.WovenCalls;
import net.bytebuddy.asm.Advice;

/**
 * Exit advice for a {@code void} method with a fallback: releases the call when the body ran (a
 * fallback's result is not a call: releasing it does nothing). An error thrown by the release itself
 * is suppressed, as in {@link ExitRelease}.
 */
public final class ExitFallbackVoid {

    private ExitFallbackVoid() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter Object entered) {
        WovenCalls.release(entered);
    }
}
