package io.heapguard.demo.search;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An independent evaluator of the {@code @MemoryAware} estimate language (DESIGN.md), so tests can
 * check the real annotation strings against measured allocation without the agent: parameters by
 * name or {@code $n}, property access (record component, {@code getX()}, {@code isX()}, {@code x()}, public
 * field), {@code + - * / ( )}, {@code min max len}, units
 * {@code KB MB GB} (binary), {@code a ?: b}. Values are longs or objects; arithmetic on null fails.
 */
public final class EstimateOracle {

    private final String source;
    private final Parameter[] parameters;
    private Object[] args;
    private int pos;

    private EstimateOracle(String source, Method method) {
        this.source = source;
        this.parameters = method.getParameters();
    }

    /** Evaluates {@code method}'s estimate expression for {@code args}. */
    public static long evaluate(Method method, String expression, Object... args) {
        EstimateOracle oracle = new EstimateOracle(expression, method);
        oracle.args = args;
        Object value = oracle.elvis();
        oracle.skipSpaces();
        if (oracle.pos != expression.length()) {
            throw oracle.error("unexpected '" + expression.charAt(oracle.pos) + "'");
        }
        return oracle.number(value);
    }

    private Object elvis() {
        Object value = sum();
        while (accept("?:")) {
            Object fallback = sum();
            value = value != null ? value : fallback;
        }
        return value;
    }

    private Object sum() {
        Object value = product();
        while (true) {
            if (accept("+")) {
                value = number(value) + number(product());
            } else if (accept("-")) {
                value = number(value) - number(product());
            } else {
                return value;
            }
        }
    }

    private Object product() {
        Object value = primary();
        while (true) {
            if (accept("*")) {
                value = number(value) * number(primary());
            } else if (accept("/")) {
                value = number(value) / number(primary());
            } else {
                return value;
            }
        }
    }

    private Object primary() {
        skipSpaces();
        if (accept("(")) {
            Object value = elvis();
            expect(")");
            return value;
        }
        if (pos < source.length() && Character.isDigit(source.charAt(pos))) {
            return literal();
        }
        String name = identifier();
        if (accept("(")) {
            List<Object> arguments = new ArrayList<>();
            do {
                arguments.add(elvis());
            } while (accept(","));
            expect(")");
            return call(name, arguments);
        }
        Object value = parameter(name);
        while (accept(".")) {
            value = property(value, identifier());
        }
        return value;
    }

    private long literal() {
        int start = pos;
        while (pos < source.length() && Character.isDigit(source.charAt(pos))) {
            pos++;
        }
        long value = Long.parseLong(source.substring(start, pos));
        if (source.startsWith("KB", pos)) {
            pos += 2;
            return value * 1024;
        }
        if (source.startsWith("MB", pos)) {
            pos += 2;
            return value * 1024 * 1024;
        }
        if (source.startsWith("GB", pos)) {
            pos += 2;
            return value * 1024 * 1024 * 1024;
        }
        return value;
    }

    private Object call(String name, List<Object> arguments) {
        return switch (name) {
            case "min" -> arguments.stream().mapToLong(this::number).min().orElseThrow();
            case "max" -> arguments.stream().mapToLong(this::number).max().orElseThrow();
            case "len" -> length(arguments.get(0));
            default -> throw error("unknown function " + name);
        };
    }

    private long length(Object value) {
        if (value == null) {
            throw error("len of null");
        }
        if (value.getClass().isArray()) {
            return Array.getLength(value);
        }
        if (value instanceof Collection<?> collection) {
            return collection.size();
        }
        if (value instanceof Map<?, ?> map) {
            return map.size();
        }
        if (value instanceof CharSequence text) {
            return text.length();
        }
        throw error("len of " + value.getClass().getName());
    }

    private Object parameter(String name) {
        if (name.startsWith("$")) {
            return args[Integer.parseInt(name.substring(1))];
        }
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i].getName().equals(name)) {
                return args[i];
            }
        }
        throw error("no parameter " + name);
    }

    private Object property(Object target, String name) {
        if (target == null) {
            return null;
        }
        try {
            Class<?> type = target.getClass();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    if (component.getName().equals(name)) {
                        return box(component.getAccessor().invoke(target));
                    }
                }
            }
            // then getX(), isX(), x(), as docs/configuration.md orders them
            String capitalized = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
            for (String getter : List.of("get" + capitalized, "is" + capitalized, name)) {
                for (Method method : type.getMethods()) {
                    if (method.getParameterCount() == 0 && method.getName().equals(getter)
                            && method.getDeclaringClass() != Object.class) {
                        return box(method.invoke(target));
                    }
                }
            }
            Field field = type.getField(name);
            return box(field.get(target));
        } catch (ReflectiveOperationException e) {
            throw error("no property " + name + " on " + target.getClass().getName());
        }
    }

    private static Object box(Object value) {
        return value instanceof Number number && !(value instanceof Double || value instanceof Float)
                ? (Object) number.longValue() : value;
    }

    private long number(Object value) {
        if (value instanceof Long number) {
            return number;
        }
        throw error("not a number: " + value);
    }

    private String identifier() {
        skipSpaces();
        int start = pos;
        while (pos < source.length() && (Character.isLetterOrDigit(source.charAt(pos)) || source.charAt(pos) == '$'
                || source.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a name");
        }
        return source.substring(start, pos);
    }

    private boolean accept(String token) {
        skipSpaces();
        if (source.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw error("expected '" + token + "'");
        }
    }

    private void skipSpaces() {
        while (pos < source.length() && source.charAt(pos) == ' ') {
            pos++;
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " at position " + pos + " of '" + source + "'");
    }
}
