package io.heapguard.agent.internal.advice;

import io.heapguard.agent.bootstrap.WovenCalls;
import net.bytebuddy.asm.Advice;

/**
 * Enter advice for {@code onReject = FALLBACK}: when the call is rejected the fallback runs here and
 * its result (non-null holder) makes Byte Buddy skip the original body; the exit advice then returns it.
 */
public final class EnterOrFallback {

    private EnterOrFallback() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(@WovenMethodId int methodId,
                        @Advice.Origin Class<?> declaringType,
                        @Advice.This(optional = true) Object self,
                        @Advice.AllArguments Object[] arguments,
                        @Advice.Local("heapguardReserved") long reserved,
                        @Advice.Local("heapguardAllocated") long allocated) {
        Object fallback = WovenCalls.acquireOrFallback(methodId, declaringType, self, arguments);
        if (fallback == null) {
            reserved = WovenCalls.lastReservedBytes();
            allocated = WovenCalls.threadAllocatedBytes();
        }
        return fallback;
    }
}
