package io.heapguard.agent.internal.advice;

import io.heapguard.agent.bootstrap.WovenCalls;
import net.bytebuddy.asm.Advice;

/** Exit advice for a {@code void} method with a fallback: release only when the body ran. */
public final class ExitFallbackVoid {

    private ExitFallbackVoid() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@WovenMethodId int methodId,
                     @Advice.Enter Object fallback,
                     @Advice.Local("heapguardReserved") long reserved,
                     @Advice.Local("heapguardAllocated") long allocated) {
        if (fallback == null) {
            WovenCalls.release(methodId, reserved, allocated);
        }
    }
}
