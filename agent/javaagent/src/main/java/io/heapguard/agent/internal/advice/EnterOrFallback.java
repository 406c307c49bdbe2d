package io.heapguard.agent.internal.advice;

import io.heapguard.bootstrap.ArgumentFrame;
import io.heapguard.bootstrap.FallbackResult;
import io.heapguard.bootstrap.WovenCalls;
import net.bytebuddy.asm.Advice;

/**
 * Enter advice for {@code onReject = FALLBACK}: when the call is rejected the fallback runs here and
 * its result (a {@link FallbackResult}) makes Byte Buddy skip the original body; the exit advice then
 * returns it. Otherwise the admitted call is returned, for the exit advice to release. Every argument
 * goes to the thread's frame ({@link ArgumentFrameMapping}), for the estimate and, on rejection, the fallback.
 */
public final class EnterOrFallback {

    private EnterOrFallback() {
    }

    @Advice.OnMethodEnter(skipOn = FallbackResult.class)
    static Object enter(@WovenMethodId int methodId,
                        @Advice.Origin Class<?> declaringType,
                        @Advice.This(optional = true) Object self,
                        @WovenArguments ArgumentFrame arguments) {
        return WovenCalls.acquireOrFallback(methodId, declaringType, self, arguments);
    }
}
