package io.heapguard.agent.targets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configured targets, indexed for the class file transformer's first, cheap question: could this
 * class declare a targeted method? Plain Java, no Byte Buddy: it runs for every class the JVM loads.
 *
 * <p>An exact target matches by class name (a hash lookup). A subtype target can match any class, but
 * only a class that declares a method of the target's name has something to weave (an inherited method
 * is woven where it is declared), and such a class carries the name as a {@code CONSTANT_Utf8} entry:
 * a byte search for that entry keeps nearly every class away from the type pool.
 */
public final class TargetIndex {

    private static final TargetIndex EMPTY = new TargetIndex(List.of());
    private static final byte CONSTANT_UTF8 = 1;

    private final List<Target> targets;
    private final Map<String, List<Target>> exactByInternalName = new HashMap<>();
    private final List<Target> subtypeTargets = new ArrayList<>();
    private final List<byte[]> subtypeMethodConstants = new ArrayList<>();

    private TargetIndex(List<Target> targets) {
        this.targets = List.copyOf(targets);
        Set<String> methodNames = new LinkedHashSet<>();
        for (Target target : targets) {
            exactByInternalName.computeIfAbsent(target.className().replace('.', '/'), n -> new ArrayList<>()).add(target);
            if (target.subtypes()) {
                subtypeTargets.add(target);
                methodNames.add(target.methodName());
            }
        }
        for (String name : methodNames) {
            subtypeMethodConstants.add(utf8Constant(name));
        }
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
        for (byte[] constant : subtypeMethodConstants) {
            if (contains(classFile, constant)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a target names this class itself (binary name), whatever its {@code subtypes}. */
    boolean namesClass(String className) {
        return exactByInternalName.containsKey(className.replace('.', '/'));
    }

    List<Target> exactFor(String className) {
        return exactByInternalName.getOrDefault(className.replace('.', '/'), List.of());
    }

    List<Target> subtypeTargets() {
        return subtypeTargets;
    }

    /** The constant pool entry of a method name: tag 1, big-endian length, modified UTF-8 (ASCII for Java names). */
    private static byte[] utf8Constant(String name) {
        byte[] text = name.getBytes(StandardCharsets.UTF_8);
        byte[] constant = new byte[text.length + 3];
        constant[0] = CONSTANT_UTF8;
        constant[1] = (byte) (text.length >>> 8);
        constant[2] = (byte) text.length;
        System.arraycopy(text, 0, constant, 3, text.length);
        return constant;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        int last = haystack.length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
