package io.heapguard.agent.internal.advice;

import io.heapguard.bootstrap.WovenCalls;
import net.bytebuddy.asm.Advice;

/**
 * Exit advice: releases exactly what the enter advice reserved, on return and on throw. An error
 * thrown by the release itself (a {@code StackOverflowError} at the bottom of a deep recursion) is
 * suppressed, so the method's own outcome is unchanged; the call stays recorded for its thread, and
 * the next exit of an enclosing guarded call releases it.
 */
public final class ExitRelease {

    private ExitRelease() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Local("heapguardCall") Object call) {
        WovenCalls.release(call);
    }
}
