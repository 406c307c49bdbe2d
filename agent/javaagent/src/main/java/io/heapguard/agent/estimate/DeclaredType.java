package io.heapguard.agent.estimate;

import java.util.Set;

/**
 * What the parse-time checks know about a parameter from its declared type name alone. Classes are
 * never loaded here (parsing runs inside a class file transformer): well-known JDK types are
 * recognised by name, everything else is {@link Kind#UNKNOWN} and checked when the call is evaluated.
 */
final class DeclaredType {

    enum Kind {
        /** A primitive or boxed number, or java.lang.Number and friends. */
        NUMBER,
        /** boolean/char and their boxes: not numbers in an estimate. */
        NOT_A_NUMBER,
        /** An array of any element type. */
        ARRAY,
        /** A JDK CharSequence, Collection or Map: {@code len()} works, arithmetic does not. */
        SIZED,
        /** Anything else: decided on the runtime value. */
        UNKNOWN
    }

    private static final Set<String> PRIMITIVE_NUMBERS = Set.of("byte", "short", "int", "long", "float", "double");
    private static final Set<String> PRIMITIVE_OTHERS = Set.of("boolean", "char");
    private static final Set<String> BOXED_NUMBERS = Set.of(
            "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long", "java.lang.Float",
            "java.lang.Double", "java.lang.Number", "java.math.BigInteger", "java.math.BigDecimal",
            "java.util.concurrent.atomic.AtomicInteger", "java.util.concurrent.atomic.AtomicLong");
    private static final Set<String> BOXED_OTHERS = Set.of("java.lang.Boolean", "java.lang.Character");
    private static final Set<String> SIZED_TYPES = Set.of(
            "java.lang.String", "java.lang.CharSequence", "java.lang.StringBuilder", "java.lang.StringBuffer",
            "java.util.Collection", "java.util.List", "java.util.Set", "java.util.Queue", "java.util.Deque",
            "java.util.SortedSet", "java.util.NavigableSet", "java.util.ArrayList", "java.util.LinkedList",
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.ArrayDeque",
            "java.util.Map", "java.util.SortedMap", "java.util.NavigableMap", "java.util.HashMap",
            "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.concurrent.ConcurrentMap",
            "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.CopyOnWriteArrayList");

    private final String displayName;
    private final Kind kind;
    private final boolean primitive;

    private DeclaredType(String displayName, Kind kind, boolean primitive) {
        this.displayName = displayName;
        this.kind = kind;
        this.primitive = primitive;
    }

    /**
     * @param typeName a source-style ({@code float[]}, {@code java.util.List<String>}) or
     *                 binary-style ({@code [F}, {@code [Ljava.lang.String;}) name; null when unknown
     */
    static DeclaredType of(String typeName) {
        if (typeName == null || typeName.isBlank()) {
            return new DeclaredType("?", Kind.UNKNOWN, false);
        }
        String name = sourceStyle(typeName.strip());
        int generics = name.indexOf('<');
        String erased = generics < 0 ? name : name.substring(0, generics) + (name.endsWith("[]") ? "[]" : "");
        if (erased.endsWith("[]") || erased.endsWith("...")) {
            return new DeclaredType(name, Kind.ARRAY, false);
        }
        if (PRIMITIVE_NUMBERS.contains(erased)) {
            return new DeclaredType(name, Kind.NUMBER, true);
        }
        if (PRIMITIVE_OTHERS.contains(erased)) {
            return new DeclaredType(name, Kind.NOT_A_NUMBER, true);
        }
        if (BOXED_NUMBERS.contains(erased)) {
            return new DeclaredType(name, Kind.NUMBER, false);
        }
        if (BOXED_OTHERS.contains(erased)) {
            return new DeclaredType(name, Kind.NOT_A_NUMBER, false);
        }
        if (SIZED_TYPES.contains(erased)) {
            return new DeclaredType(name, Kind.SIZED, false);
        }
        return new DeclaredType(name, Kind.UNKNOWN, false);
    }

    /** Turns JVM array names ({@code [F}, {@code [[Ljava.lang.String;}) into source style. */
    private static String sourceStyle(String name) {
        if (!name.startsWith("[")) {
            return name;
        }
        int dimensions = 0;
        while (dimensions < name.length() && name.charAt(dimensions) == '[') {
            dimensions++;
        }
        String element = name.substring(dimensions);
        String elementName = switch (element) {
            case "Z" -> "boolean";
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            default -> element.startsWith("L") && element.endsWith(";")
                    ? element.substring(1, element.length() - 1) : element;
        };
        return elementName + "[]".repeat(dimensions);
    }

    String displayName() {
        return displayName;
    }

    Kind kind() {
        return kind;
    }

    /** A primitive parameter is never null and has no properties. */
    boolean isPrimitive() {
        return primitive;
    }

    boolean canBeNumber() {
        return kind == Kind.NUMBER || kind == Kind.UNKNOWN;
    }

    boolean canHaveLength() {
        return kind == Kind.ARRAY || kind == Kind.SIZED || kind == Kind.UNKNOWN;
    }
}
