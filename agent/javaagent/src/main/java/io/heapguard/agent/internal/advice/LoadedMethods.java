package io.heapguard.agent.internal.advice;

import net.bytebuddy.description.method.MethodDescription;

/** Describes the JDK and bootstrap methods the generated advice code calls. */
final class LoadedMethods {

    private LoadedMethods() {
    }

    /** @throws IllegalStateException when the method is missing: the bootstrap classes are from another build */
    static MethodDescription.InDefinedShape named(Class<?> owner, String name, Class<?>... parameterTypes) {
        try {
            return new MethodDescription.ForLoadedMethod(owner.getMethod(name, parameterTypes));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("heapguard bootstrap classes do not match the agent: " + owner.getName()
                    + "#" + name + " is missing", e);
        }
    }
}
