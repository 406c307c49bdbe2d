package io.heapguard.agent.internal.advice;

import io.heapguard.agent.bootstrap.WovenCalls;
import net.bytebuddy.asm.Advice;

/** Enter advice for estimates computed from the arguments (an expression or a {@code MemoryEstimator}). */
public final class EnterWithArguments {

    private EnterWithArguments() {
    }

    @Advice.OnMethodEnter
    static void enter(@WovenMethodId int methodId,
                      @Advice.AllArguments Object[] arguments,
                      @Advice.Local("heapguardReserved") long reserved,
                      @Advice.Local("heapguardAllocated") long allocated) {
        reserved = WovenCalls.acquire(methodId, arguments);
        allocated = WovenCalls.threadAllocatedBytes();
    }
}
