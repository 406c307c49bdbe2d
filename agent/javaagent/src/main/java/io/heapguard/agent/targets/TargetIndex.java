package io.heapguard.agent.targets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.heapguard.agent.classfile.Utf8Constants;

/**
 * The configured targets, indexed for the class file transformer's first, cheap question: could this
 * class declare a targeted method? Plain Java, no Byte Buddy: it runs for every class the JVM loads.
 *
 * <p>An exact target matches by class name (a hash lookup). A subtype target can match any class, but
 * only a class that declares a method of the target's name has something to weave (an inherited method
 * is woven where it is declared), and such a class carries the name as a {@code CONSTANT_Utf8} entry:
 * a walk of the constant pool for that entry ({@link Utf8Constants}) keeps nearly every class away from the type pool.
 */
public final class TargetIndex {

    private static final TargetIndex EMPTY = new TargetIndex(List.of());

    private final List<Target> targets;
    private final Map<String, List<Target>> exactByInternalName = new HashMap<>();
    /** The same classes by binary name ({@code java.util.Base64$Decoder}), for {@link #namesClass}. */
    private final Set<String> binaryNames = new HashSet<>();
    private final List<Target> subtypeTargets = new ArrayList<>();
    private final Utf8Constants subtypeMethodNames;
    private final String[] subtypeMethodNameList;

    private TargetIndex(List<Target> targets) {
        this.targets = List.copyOf(targets);
        Set<String> methodNames = new LinkedHashSet<>();
        for (Target target : targets) {
            // no lambda on premain's path: the JVM's first one costs milliseconds
            String internalName = target.className().replace('.', '/');
            List<Target> sameClass = exactByInternalName.get(internalName);
            if (sameClass == null) {
                sameClass = new ArrayList<>();
                exactByInternalName.put(internalName, sameClass);
            }
            sameClass.add(target);
            binaryNames.add(target.className());
            if (target.subtypes()) {
                subtypeTargets.add(target);
                methodNames.add(target.methodName());
            }
        }
        subtypeMethodNameList = methodNames.toArray(new String[0]);
        subtypeMethodNames = new Utf8Constants(subtypeMethodNameList);
    }

    public static TargetIndex of(List<Target> targets) {
        return targets.isEmpty() ? EMPTY : new TargetIndex(targets);
    }

    public static TargetIndex empty() {
        return EMPTY;
    }

    public boolean isEmpty() {
        return targets.isEmpty();
    }

    public List<Target> targets() {
        return targets;
    }

    /** Whether the class may declare a targeted method: false is certain, true needs {@link TargetMatcher}. */
    public boolean mayMatch(String internalName, byte[] classFile) {
        if (targets.isEmpty()) {
            return false;
        }
        if (exactByInternalName.containsKey(internalName)) {
            return true;
        }
        return subtypeMethodNames.anyIn(classFile);
    }

    /** Whether a target names this class itself (internal name, {@code java/util/Base64$Decoder}). */
    public boolean namesInternal(String internalName) {
        return exactByInternalName.containsKey(internalName);
    }

    /**
     * The method names of the subtype targets: a class that declares one names it in a
     * {@code CONSTANT_Utf8} entry, the second half of {@link #mayMatch}, for a caller that folds them
     * into a constant-pool walk of its own.
     */
    public String[] subtypeMethodNames() {
        return subtypeMethodNameList.clone();
    }

    /** Whether a target names this class itself (binary name), whatever its {@code subtypes}. */
    boolean namesClass(String className) {
        return binaryNames.contains(className);
    }

    List<Target> exactFor(String className) {
        return exactByInternalName.getOrDefault(className.replace('.', '/'), List.of());
    }

    List<Target> subtypeTargets() {
        return subtypeTargets;
    }
}
