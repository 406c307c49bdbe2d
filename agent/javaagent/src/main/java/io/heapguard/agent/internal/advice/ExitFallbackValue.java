package io.heapguard.agent.internal.advice;

import io.heapguard.bootstrap.FallbackResult;
import io.heapguard.bootstrap.WovenCalls;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Exit advice for a value-returning method with a fallback: returns the fallback's value when it ran. */
public final class ExitFallbackValue {

    private ExitFallbackValue() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object entered,
                     @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
        if (entered instanceof FallbackResult) {
            returned = WovenCalls.fallbackValue(entered);
        } else {
            WovenCalls.release(entered);
        }
    }
}
