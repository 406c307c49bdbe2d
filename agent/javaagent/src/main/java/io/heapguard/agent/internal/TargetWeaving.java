package io.heapguard.agent.internal;

import java.util.List;

import io.heapguard.MemoryAware;
import io.heapguard.agent.targets.Target;
import io.heapguard.agent.targets.TargetMatcher;
import io.heapguard.agent.targets.TargetReport;
import io.heapguard.core.InternalLog;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * The weaver's view of the configured targets: which target a method belongs to, and registering it
 * exactly like an annotated method (same {@link GuardedMethodFactory}, so the same estimates, limits,
 * rejections and stats). A method that is annotated as well keeps its annotation: it is guarded once.
 */
final class TargetWeaving {

    static final TargetWeaving NONE = new TargetWeaving(null, null);

    private final TargetMatcher matcher;
    private final TargetReport report;

    TargetWeaving(TargetMatcher matcher, TargetReport report) {
        this.matcher = matcher;
        this.report = report;
    }

    /** The targets that may apply to methods of this class (empty for nearly every class). */
    List<Target> candidates(TypeDescription type) {
        return matcher == null ? List.of() : matcher.candidates(type);
    }

    /** Whether one of the candidate targets names this method. */
    boolean names(MethodDescription method, List<Target> candidates) {
        return !candidates.isEmpty() && TargetMatcher.match(candidates, method) != null;
    }

    /** Registers the method with the target it belongs to, or returns null when it belongs to none. */
    GuardedMethod register(GuardedMethodFactory factory, ClassLoader loader, TypeDescription type,
                           MethodDescription method, List<Target> candidates, Class<?> loadedType, boolean async) {
        Target target = TargetMatcher.match(candidates, method);
        if (target == null) {
            return null;
        }
        GuardedMethod guarded = factory.register(loader, type, method, valuesOf(target), loadedType, async,
                "target '" + target.name() + "'");
        report.matched(target, guarded.displayName());
        return guarded;
    }

    /** An annotated method a target also names: the annotation wins, said once so nobody wonders. */
    void annotationWins(TypeDescription type, MethodDescription method, List<Target> candidates) {
        Target target = TargetMatcher.match(candidates, method);
        if (target != null) {
            String displayName = GuardedMethodFactory.displayName(type.getName(), method);
            InternalLog.shared().warnOnce("target-annotated:" + displayName, "target '" + target.name() + "' names "
                    + displayName + ", which is annotated @MemoryAware: the annotation wins, the method is guarded once");
        }
    }

    /** A target's fields as the annotation's values: one registration path for both. */
    static MemoryAwareValues valuesOf(Target target) {
        String estimate = "";
        String estimator = MemoryAwareValues.NO_ESTIMATOR;
        long bytes = MemoryAware.UNSET_BYTES;
        Target.Estimate given = target.estimate();
        if (given instanceof Target.Expression expression) {
            estimate = expression.source();
        } else if (given instanceof Target.FixedBytes fixed) {
            bytes = fixed.bytes();
        } else if (given instanceof Target.EstimatorClass estimatorClass) {
            estimator = estimatorClass.className();
        }
        String onReject = switch (target.onReject()) {
            case THROW -> MemoryAwareValues.THROW;
            case WAIT -> MemoryAwareValues.WAIT;
        };
        return new MemoryAwareValues(target.operation(), estimate, estimator, bytes, onReject, "",
                target.maxWaitMillis(), target.priority());
    }
}
