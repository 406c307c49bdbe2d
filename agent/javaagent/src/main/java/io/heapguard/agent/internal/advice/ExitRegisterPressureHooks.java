package io.heapguard.agent.internal.advice;

import io.heapguard.bootstrap.WovenCalls;
import net.bytebuddy.asm.Advice;

/**
 * Constructor exit advice for classes declaring {@code @OnMemoryPressure} instance methods: registers
 * the new instance (weakly) with the guard. The id names the class's set of hook methods.
 */
public final class ExitRegisterPressureHooks {

    private ExitRegisterPressureHooks() {
    }

    @Advice.OnMethodExit
    static void exit(@WovenMethodId int hookSetId, @Advice.This Object self) {
        WovenCalls.constructed(hookSetId, self);
    }
}
