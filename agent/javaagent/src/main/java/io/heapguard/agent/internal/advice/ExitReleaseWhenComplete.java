package io.heapguard.agent.internal.advice;

import io.heapguard.bootstrap.WovenCalls;
import net.bytebuddy.asm.Advice;

/**
 * Exit advice for methods that return (or may return) a {@code CompletionStage}: the reservation
 * lives until it completes; any other value releases at once. Release errors are suppressed as in
 * {@link ExitRelease}.
 */
public final class ExitReleaseWhenComplete {

    private ExitReleaseWhenComplete() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Local("heapguardCall") Object call,
                     @Advice.Return Object returned,
                     @Advice.Thrown Throwable thrown) {
        WovenCalls.releaseWhenComplete(call, returned, thrown);
    }
}
