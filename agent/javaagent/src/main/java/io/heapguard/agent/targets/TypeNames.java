package io.heapguard.agent.targets;

import net.bytebuddy.description.type.TypeDescription;

/**
 * Compares a parameter type as a user writes it in a target ({@code int}, {@code float[]},
 * {@code java.lang.String}, {@code String}, {@code Base64.Decoder}) with the declared type.
 */
final class TypeNames {

    private TypeNames() {
    }

    /** {@code java.lang.String[]}, {@code int}, {@code java.util.Base64$Decoder}. */
    static String sourceName(TypeDescription type) {
        return type.isArray() ? sourceName(type.getComponentType()) + "[]" : type.getName();
    }

    /** The same name, fully qualified or shortened from the left ({@code String}, {@code Base64.Decoder}), same array depth. */
    static boolean matches(String written, String declared) {
        String wanted = written.replace('$', '.');
        String actual = declared.replace('$', '.');
        // a trailing part of the qualified name: the array suffix keeps the depth equal
        return wanted.equals(actual) || actual.endsWith("." + wanted);
    }
}
