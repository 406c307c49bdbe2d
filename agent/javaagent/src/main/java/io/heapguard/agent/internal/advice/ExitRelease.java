package io.heapguard.agent.internal.advice;

import io.heapguard.agent.bootstrap.WovenCalls;
import net.bytebuddy.asm.Advice;

/** Exit advice: releases exactly what the enter advice reserved, on return and on throw. */
public final class ExitRelease {

    private ExitRelease() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@WovenMethodId int methodId,
                     @Advice.Local("heapguardReserved") long reserved,
                     @Advice.Local("heapguardAllocated") long allocated) {
        WovenCalls.release(methodId, reserved, allocated);
    }
}
