package io.heapguard.agent.internal;

import java.lang.instrument.Instrumentation;
import java.util.List;

import io.heapguard.agent.targets.LoadedTargets;
import io.heapguard.agent.targets.TargetIndex;
import io.heapguard.core.InternalLog;

/**
 * Retransforms the already-loaded classes configured targets may apply to, so the gate weaves them like
 * classes loaded later: at start-up that is JDK classes loaded before {@code premain}; on attach, any
 * class of the running application. Advice changes method bodies only, which retransformation allows.
 */
final class TargetRetransformer {

    private TargetRetransformer() {
    }

    static void retransformLoaded(Instrumentation instrumentation, TargetIndex index, ClassLoader agentLoader) {
        if (index.isEmpty()) {
            return;
        }
        List<Class<?>> loaded = LoadedTargets.find(instrumentation, index, agentLoader);
        for (Class<?> type : loaded) {
            try {
                instrumentation.retransformClasses(type);
            } catch (Throwable e) {
                InternalLog.shared().warn("cannot retransform " + type.getName() + "; the targets naming it do not guard it: " + e);
            }
        }
        if (!loaded.isEmpty()) {
            InternalLog.shared().info("targets: retransformed " + loaded.size() + " already-loaded class(es)");
        }
    }
}
