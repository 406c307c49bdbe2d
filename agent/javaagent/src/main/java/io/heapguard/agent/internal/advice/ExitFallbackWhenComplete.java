package io.heapguard.agent.internal.advice;

import io.heapguard.agent.bootstrap.WovenCalls;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Exit advice for a method returning a {@code CompletionStage} with a fallback. */
public final class ExitFallbackWhenComplete {

    private ExitFallbackWhenComplete() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@WovenMethodId int methodId,
                     @Advice.Enter Object fallback,
                     @Advice.Local("heapguardReserved") long reserved,
                     @Advice.Local("heapguardAllocated") long allocated,
                     @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
                     @Advice.Thrown Throwable thrown) {
        if (fallback != null) {
            returned = WovenCalls.fallbackValue(fallback);
        } else {
            WovenCalls.releaseWhenComplete(methodId, reserved, allocated, returned, thrown);
        }
    }
}
