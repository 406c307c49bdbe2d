package io.heapguard.agent.internal.advice;

import io.heapguard.bootstrap.WovenCalls;
import net.bytebuddy.asm.Advice;

/**
 * Enter advice for estimates that do not read the arguments (fixed {@code bytes}, the operation's
 * default): no argument array is built, so an admitted call allocates nothing. A rejection throws
 * {@link io.heapguard.MemoryGuardException} from here, before the body runs.
 */
public final class EnterWithoutArguments {

    private EnterWithoutArguments() {
    }

    @Advice.OnMethodEnter
    static void enter(@WovenMethodId int methodId,
                      @Advice.Local("heapguardCall") Object call) {
        call = WovenCalls.acquire(methodId, null);
    }
}
