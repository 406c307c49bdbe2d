package io.heapguard.agent.targets;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Decides which target, if any, a method of a class being woven belongs to. Works on Byte Buddy's
 * descriptions of the class file (supertypes resolved lazily through the class's own loader), so it
 * never loads or initialises a class.
 *
 * <p>Never matched: bridge and synthetic methods (the compiler's forwarding copies: the real method
 * is woven and counts the call), abstract and native methods, constructors, and every method of a
 * framework proxy class ({@link FrameworkProxies}) when the target names a supertype.
 */
public final class TargetMatcher {

    private final TargetIndex index;

    public TargetMatcher(TargetIndex index) {
        this.index = index;
    }

    public boolean isEmpty() {
        return index.isEmpty();
    }

    /** The targets that may apply to some method of this class; empty for most classes. */
    public List<Target> candidates(TypeDescription type) {
        if (index.isEmpty()) {
            return List.of();
        }
        List<Target> candidates = new ArrayList<>(index.exactFor(type.getName()));
        if (!index.subtypeTargets().isEmpty() && !type.isInterface() && !isProxy(type)) {
            Set<String> supertypes = supertypeNames(type);
            for (Target target : index.subtypeTargets()) {
                if (!candidates.contains(target) && supertypes.contains(target.className())) {
                    candidates.add(target);
                }
            }
        }
        return candidates;
    }

    /** The first candidate whose method name and parameters fit, or null. */
    public static Target match(List<Target> candidates, MethodDescription method) {
        if (candidates.isEmpty() || !method.isMethod() || method.isBridge() || method.isSynthetic()
                || method.isAbstract() || method.isNative()) {
            return null;
        }
        for (Target target : candidates) {
            if (target.methodName().equals(method.getName()) && parametersFit(target.parameterTypes(), method)) {
                return target;
            }
        }
        return null;
    }

    private static boolean parametersFit(List<String> wanted, MethodDescription method) {
        if (wanted == null) {
            return true;
        }
        List<ParameterDescription.InDefinedShape> actual = method.asDefined().getParameters();
        if (actual.size() != wanted.size()) {
            return false;
        }
        for (int i = 0; i < wanted.size(); i++) {
            if (!TypeNames.matches(wanted.get(i), TypeNames.sourceName(actual.get(i).getType().asErasure()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isProxy(TypeDescription type) {
        List<String> interfaces = new ArrayList<>();
        for (TypeDescription.Generic implemented : type.getInterfaces()) {
            interfaces.add(implemented.asErasure().getName());
        }
        TypeDescription.Generic superClass = type.getSuperClass();
        return FrameworkProxies.isProxy(type.getName(), superClass == null ? null : superClass.asErasure().getName(),
                interfaces);
    }

    /** The class's own name and those of all its supertypes that can be resolved. */
    private static Set<String> supertypeNames(TypeDescription type) {
        Set<String> names = new HashSet<>();
        collect(type, names);
        return names;
    }

    private static void collect(TypeDefinition type, Set<String> names) {
        String name = type.asErasure().getName();
        if (!names.add(name) || name.equals("java.lang.Object")) {
            return;
        }
        try {
            TypeDescription.Generic superClass = type.getSuperClass();
            if (superClass != null) {
                collect(superClass, names);
            }
            for (TypeDescription.Generic implemented : type.getInterfaces()) {
                collect(implemented, names);
            }
        } catch (RuntimeException unresolvable) {
            // a supertype whose class file its loader cannot find: what was found so far still counts
        }
    }
}
