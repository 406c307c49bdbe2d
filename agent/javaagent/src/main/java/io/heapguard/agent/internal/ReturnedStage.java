package io.heapguard.agent.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Whether a guarded method returns a {@code CompletionStage} whose completion the reservation must
 * wait for, decided from its declared return type when the class is woven.
 */
enum ReturnedStage {
    /** Primitive, void, an array, or a type known not to be a stage: release when the method returns. */
    NEVER,
    /** The declared type is a {@code CompletionStage}: hold the reservation until the returned stage completes. */
    ALWAYS,
    /**
     * Part of the declared type's hierarchy cannot be found by its class loader: the woven exit checks
     * each returned value ({@code instanceof CompletionStage}), which is right either way.
     */
    CHECKED_AT_RUN_TIME;

    private static final String STAGE = CompletionStage.class.getName();

    /** Whether the exit must be ready to follow a returned stage. */
    boolean mayBeStage() {
        return this != NEVER;
    }

    static ReturnedStage of(MethodDescription method, StandInTypes types) {
        TypeDescription returned = method.getReturnType().asErasure();
        if (returned.isPrimitive() || returned.isArray()) {
            return NEVER;
        }
        boolean sawMissing = false;
        Deque<TypeDefinition> toVisit = new ArrayDeque<>();
        Set<String> visited = new HashSet<>();
        toVisit.add(returned);
        try {
            while (!toVisit.isEmpty()) {
                TypeDescription type = toVisit.pop().asErasure();
                if (!visited.add(type.getName())) {
                    continue;
                }
                if (type.getName().equals(STAGE)) {
                    return ALWAYS;
                }
                // reading the supertypes resolves the type: only then is a missing one known as such
                TypeDescription.Generic superClass = type.getSuperClass();
                if (superClass != null) {
                    toVisit.add(superClass);
                }
                toVisit.addAll(type.getInterfaces());
                sawMissing |= types.isMissing(type.getName());
            }
        } catch (RuntimeException unresolvable) {
            return CHECKED_AT_RUN_TIME;
        }
        return sawMissing ? CHECKED_AT_RUN_TIME : NEVER;
    }
}
