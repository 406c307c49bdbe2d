package io.heapguard.agent.internal.advice;

import io.heapguard.bootstrap.WovenCalls;
import net.bytebuddy.asm.Advice;

/**
 * Enter advice for estimates compiled into the woven method ({@code bytes}, and expressions over
 * numeric primitives and array lengths): the method's own code computes the estimate from its
 * locals ({@link EstimateCodeMapping}), so the call stores no argument and runs no evaluator.
 */
public final class EnterWithEstimate {

    private EnterWithEstimate() {
    }

    @Advice.OnMethodEnter
    static void enter(@WovenMethodId int methodId,
                      @WovenEstimate long bytes,
                      @Advice.Local("heapguardCall") Object call) {
        call = WovenCalls.acquireEstimated(methodId, bytes);
    }
}
