package io.heapguard.agent.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** The annotated method's parameters as the expression sees them: names, positions, declared types. */
final class Parameters {

    /** The names javac records when a class is compiled without {@code -parameters}. */
    private static final Pattern SYNTHETIC_NAME = Pattern.compile("arg\\d+");

    private final List<String> names;
    private final List<DeclaredType> types;

    Parameters(List<String> names, List<String> typeNames) {
        Objects.requireNonNull(names, "parameterNames");
        Objects.requireNonNull(typeNames, "parameterTypeNames");
        if (names.size() != typeNames.size()) {
            throw new IllegalArgumentException("parameterNames has " + names.size()
                    + " entries but parameterTypeNames has " + typeNames.size() + ": " + names + " vs " + typeNames);
        }
        this.names = new ArrayList<>(names);
        this.types = new ArrayList<>(names.size());
        for (String typeName : typeNames) {
            types.add(DeclaredType.of(typeName));
        }
    }

    int count() {
        return names.size();
    }

    /** The position of the named parameter, or -1. */
    int indexOf(String name) {
        return names.indexOf(name);
    }

    /** How the expression refers to parameter {@code index} in messages: its name, else {@code $index}. */
    String label(int index) {
        String name = names.get(index);
        return name == null || name.isEmpty() ? "$" + index : name;
    }

    DeclaredType type(int index) {
        return types.get(index);
    }

    List<String> knownNames() {
        List<String> known = new ArrayList<>();
        for (String name : names) {
            if (name != null && !name.isEmpty()) {
                known.add(name);
            }
        }
        return known;
    }

    /** True when the class was evidently compiled without {@code -parameters}. */
    boolean namesAreSynthetic() {
        if (names.isEmpty()) {
            return false;
        }
        for (String name : names) {
            if (name != null && !SYNTHETIC_NAME.matcher(name).matches()) {
                return false;
            }
        }
        return true;
    }

    /** E.g. {@code $0 vector (float[]), $1 k (int)}. */
    String describe() {
        if (names.isEmpty()) {
            return "none (the method has no parameters)";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append('$').append(i);
            String name = names.get(i);
            if (name != null && !name.isEmpty()) {
                text.append(' ').append(name);
            }
            text.append(" (").append(types.get(i).displayName()).append(')');
        }
        if (namesAreSynthetic()) {
            text.append(" (names like arg0 mean the class was compiled without -parameters:"
                    + " recompile with -parameters to use the real names; $0, $1 ... always work)");
        }
        return text.toString();
    }
}
