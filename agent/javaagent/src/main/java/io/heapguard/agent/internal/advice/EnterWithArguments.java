package io.heapguard.agent.internal.advice;

import io.heapguard.bootstrap.ArgumentFrame;
import io.heapguard.bootstrap.WovenCalls;
import net.bytebuddy.asm.Advice;

/**
 * Enter advice for estimates computed from the arguments (an expression or a {@code MemoryEstimator}).
 * The arguments go to the thread's frame (typed, no array, no boxing: {@link ArgumentFrameMapping}).
 * The acquire call is its last step: once it returns, the call is in the local and the exit owns it.
 */
public final class EnterWithArguments {

    private EnterWithArguments() {
    }

    @Advice.OnMethodEnter
    static void enter(@WovenMethodId int methodId,
                      @WovenArguments ArgumentFrame arguments,
                      @Advice.Local("heapguardCall") Object call) {
        call = WovenCalls.acquire(methodId, arguments);
    }
}
