package io.heapguard.agent.internal;

import java.util.ArrayList;
import java.util.List;

import io.heapguard.agent.estimate.CallEstimator;
import io.heapguard.agent.estimate.DefaultEstimate;
import io.heapguard.agent.estimate.EstimateExpression;
import io.heapguard.agent.estimate.EstimatorInstanceEstimate;
import io.heapguard.agent.estimate.ExpressionEstimate;
import io.heapguard.agent.estimate.FixedEstimate;
import io.heapguard.agent.estimate.EstimateSyntaxException;
import io.heapguard.core.HeapGuard;
import io.heapguard.core.OperationHandle;
import io.heapguard.core.InternalLog;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Turns one {@code @MemoryAware} method, as read from its class file, into a registered
 * {@link GuardedMethod}: picks the estimator (bytes, estimator class, expression, default), parses the
 * expression once, checks the fallback, resolves the operation handle.
 *
 * <p>An invalid annotation never stops the class from loading. It is reported once on stderr (class,
 * method, what is wrong, what would be valid) and the method is still guarded with the operation's
 * default estimate; with {@code strict=true} every call of that method fails instead, with the same
 * message, so the mistake cannot go unnoticed.
 */
final class GuardedMethodFactory {

    private final HeapGuard guard;
    private final IdRegistry<GuardedMethod> methods;
    private final boolean strict;
    private final ForeignApiCopies foreignApi;

    GuardedMethodFactory(HeapGuard guard, IdRegistry<GuardedMethod> methods, boolean strict,
                         ForeignApiCopies foreignApi) {
        this.guard = guard;
        this.methods = methods;
        this.strict = strict;
        this.foreignApi = foreignApi;
    }

    /**
     * @param loadedType the class when an already-loaded class is retransformed, else null
     * @param async      whether the method may return a {@code CompletionStage} to follow ({@link ReturnedStage})
     */
    GuardedMethod register(ClassLoader loader, TypeDescription type, MethodDescription method,
                           MemoryAwareValues values, Class<?> loadedType, boolean async) {
        return register(loader, type, method, values, loadedType, async, "@MemoryAware");
    }

    /**
     * @param source what the values came from, for messages: {@code @MemoryAware} or {@code target 'b64'}
     */
    GuardedMethod register(ClassLoader loader, TypeDescription type, MethodDescription method,
                           MemoryAwareValues values, Class<?> loadedType, boolean async, String source) {
        String className = type.getName();
        String displayName = displayName(className, method);
        String operationName = values.operation().isEmpty()
                ? OperationNames.defaultFor(className, method.getName()) : values.operation();
        OperationHandle operation = guard.operation(operationName);
        CallEstimator defaultEstimate = new DefaultEstimate(guard, operation);
        List<String> problems = new ArrayList<>();

        CallEstimator estimator = chooseEstimator(loader, method, loadedType, values, displayName, defaultEstimate,
                problems);
        long maxWaitMillis = 0L;
        FallbackInvoker fallback = null;
        switch (values.onReject()) {
            case MemoryAwareValues.WAIT -> {
                if (values.maxWaitMillis() < 0) {
                    problems.add("maxWaitMillis must be >= 0, was " + values.maxWaitMillis());
                } else {
                    maxWaitMillis = values.maxWaitMillis();
                }
            }
            case MemoryAwareValues.FALLBACK -> {
                try {
                    fallback = FallbackResolver.resolve(type, method, values.fallback());
                } catch (InvalidAnnotationException e) {
                    problems.add(e.getMessage() + " (rejected calls throw MemoryGuardException instead)");
                }
            }
            default -> {
                // THROW
            }
        }

        String strictFailure = null;
        if (!problems.isEmpty()) {
            String message = "invalid " + source + " on class " + className + ", method " + displayName(method) + ": "
                    + String.join("; ", problems);
            if (strict) {
                strictFailure = "heapguard (strict=true): every call of " + displayName + " fails until this is fixed: "
                        + message;
                InternalLog.shared().warnOnce("annotation:strict:" + displayName, "strict=true: every call of " + displayName
                        + " fails with IllegalStateException until this is fixed: " + message);
            } else {
                InternalLog.shared().warnOnce("annotation:" + displayName, message
                        + System.lineSeparator() + "    operation '" + operationName + "' keeps working with its default estimate");
            }
        }
        FallbackInvoker chosenFallback = fallback;
        String failure = strictFailure;
        long waitMillis = maxWaitMillis;
        RejectionTranslator rejections = foreignApi.translatorFor(loader);
        return methods.get(methods.register(id -> new GuardedMethod(id, displayName, operation, values.priority(),
                waitMillis, estimator, async, chosenFallback, failure, rejections, parameterKinds(method),
                new AllocationSampling())));
    }

    /** See {@link GuardedMethod#parameterKinds()}. */
    static String parameterKinds(MethodDescription method) {
        StringBuilder kinds = new StringBuilder();
        for (ParameterDescription parameter : method.getParameters()) {
            TypeDescription type = parameter.getType().asErasure();
            kinds.append(type.isPrimitive() ? type.getDescriptor().charAt(0) : 'L');
        }
        return kinds.toString();
    }

    private CallEstimator chooseEstimator(ClassLoader loader, MethodDescription method, Class<?> loadedType,
                                          MemoryAwareValues values, String displayName, CallEstimator defaultEstimate,
                                          List<String> problems) {
        if (values.hasFixedBytes()) {
            if (values.bytes() < 0) {
                problems.add("bytes must be >= 0 (or unset), was " + values.bytes());
                return defaultEstimate;
            }
            return new FixedEstimate(values.bytes());
        }
        if (values.hasEstimator()) {
            return new EstimatorInstanceEstimate(values.estimatorClassName(), displayName, loader, defaultEstimate);
        }
        if (!values.estimate().isEmpty()) {
            List<String> names = ParameterNames.of(method, loadedType);
            List<String> typeNames = new ArrayList<>();
            for (ParameterDescription parameter : method.getParameters()) {
                typeNames.add(parameter.getType().asErasure().getName());
            }
            try {
                return new ExpressionEstimate(EstimateExpression.parse(values.estimate(), names, typeNames));
            } catch (EstimateSyntaxException e) {
                problems.add(e.getMessage());
                return defaultEstimate;
            }
        }
        return defaultEstimate;
    }

    static String displayName(String className, MethodDescription method) {
        return className + "#" + displayName(method);
    }

    private static String displayName(MethodDescription method) {
        List<String> types = new ArrayList<>();
        for (ParameterDescription parameter : method.getParameters()) {
            types.add(parameter.getType().asErasure().getActualName());
        }
        return method.getName() + "(" + String.join(", ", types) + ")";
    }
}
