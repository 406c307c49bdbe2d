package io.heapguard.agent.internal.advice;

import io.heapguard.agent.bootstrap.WovenCalls;
import net.bytebuddy.asm.Advice;

/** Exit advice for methods returning a {@code CompletionStage}: the reservation lives until it completes. */
public final class ExitReleaseWhenComplete {

    private ExitReleaseWhenComplete() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@WovenMethodId int methodId,
                     @Advice.Local("heapguardReserved") long reserved,
                     @Advice.Local("heapguardAllocated") long allocated,
                     @Advice.Return Object returned,
                     @Advice.Thrown Throwable thrown) {
        WovenCalls.releaseWhenComplete(methodId, reserved, allocated, returned, thrown);
    }
}
