package io.heapguard.agent.internal.advice;

import io.heapguard.bootstrap.FallbackResult;
import io.heapguard.bootstrap.WovenCalls;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Exit advice for a method returning a {@code CompletionStage} (or perhaps one) with a fallback. */
public final class ExitFallbackWhenComplete {

    private ExitFallbackWhenComplete() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object entered,
                     @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
                     @Advice.Thrown Throwable thrown) {
        if (entered instanceof FallbackResult) {
            returned = WovenCalls.fallbackValue(entered);
        } else {
            WovenCalls.releaseWhenComplete(entered, returned, thrown);
        }
    }
}
