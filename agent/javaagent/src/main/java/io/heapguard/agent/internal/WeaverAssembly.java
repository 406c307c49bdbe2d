package io.heapguard.agent.internal;

import io.heapguard.agent.targets.TargetIndex;
import io.heapguard.agent.targets.TargetMatcher;
import io.heapguard.agent.targets.TargetReport;
import io.heapguard.bootstrap.WovenCalls;
import io.heapguard.core.HeapGuard;

/**
 * Builds the {@link ClassWeaver} and installs the woven-call dispatcher, once, for the first class
 * to weave (or the warm-up). A class of its own, apart from {@link AgentInstaller}: the JVM verifies a
 * class when it is first used, and verifying this code loads the dispatcher's classes
 * ({@link GuardedCallHandler} and its bootstrap superclass), which premain does not need.
 */
final class WeaverAssembly {

    private WeaverAssembly() {
    }

    /** @param foreignApi the application's own copies of the API (runtime attach), or null for none */
    static ClassWeaver assemble(HeapGuard guard, boolean strict, ForeignApiCopies foreignApi, TargetIndex targetIndex,
                                TargetReport targetReport) {
        IdRegistry<GuardedMethod> methods = new IdRegistry<>();
        PressureHooks pressureHooks = new PressureHooks(guard);
        WovenCalls.install(new GuardedCallHandler(guard, methods, pressureHooks));
        TargetWeaving targets = targetIndex.isEmpty() ? TargetWeaving.NONE
                : new TargetWeaving(new TargetMatcher(targetIndex), targetReport);
        ForeignApiCopies copies = foreignApi == null ? ForeignApiCopies.none() : foreignApi;
        return new ClassWeaver(new GuardedMethodFactory(guard, methods, strict, copies), pressureHooks, targets);
    }
}
