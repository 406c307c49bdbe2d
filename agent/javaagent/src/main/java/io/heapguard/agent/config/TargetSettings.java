package io.heapguard.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.heapguard.agent.targets.Target;

/**
 * Builds the configured {@link Target}s from the {@code targets} settings, whichever form they came in:
 * JSON fields ({@code targets.<name>.<field>}, also as {@code -Dheapguard.targets.<name>.<field>}), one
 * compact target ({@code targets.<name>}) or a compact list ({@code targets}, the only form the
 * environment can carry). Every field is checked here, at start-up: a mistake is a configuration error
 * naming the target, the field, the value and what is allowed, like any other setting.
 */
final class TargetSettings {

    static final String PREFIX = "targets";
    static final String FIELD_CLASS = "class";
    static final String FIELD_SUBTYPES = "subtypes";
    static final String FIELD_METHOD = "method";
    static final String FIELD_PARAMETERS = "parameters";
    static final String FIELD_OPERATION = "operation";
    static final String FIELD_ESTIMATE = "estimate";
    static final String FIELD_BYTES = "bytes";
    static final String FIELD_ESTIMATOR = "estimator";
    static final String FIELD_ON_REJECT = "onReject";
    static final String FIELD_MAX_WAIT_MILLIS = "maxWaitMillis";
    static final String FIELD_PRIORITY = "priority";
    static final List<String> FIELDS = List.of(FIELD_CLASS, FIELD_SUBTYPES, FIELD_METHOD, FIELD_PARAMETERS,
            FIELD_OPERATION, FIELD_ESTIMATE, FIELD_BYTES, FIELD_ESTIMATOR, FIELD_ON_REJECT, FIELD_MAX_WAIT_MILLIS,
            FIELD_PRIORITY);
    private static final List<String> ESTIMATE_FIELDS = List.of(FIELD_ESTIMATE, FIELD_BYTES, FIELD_ESTIMATOR);

    private static final String NAME_ALLOWED = "letters, digits, '_', '-' and '#' (no '.', which separates key parts)";

    /**
     * The field syntax, compiled on first use: premain of a JVM without targets never reads one, and
     * compiling these costs it 10-15 ms.
     */
    private static final class Syntax {
        /** Target names become keys and operation names: no dots (keys are dotted), nothing a shell or parser trips on. */
        static final Pattern NAME = Pattern.compile("[A-Za-z0-9_#-]+");
        static final String IDENTIFIER = "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*";
        static final Pattern CLASS_NAME = Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")*");
        static final Pattern METHOD_NAME = Pattern.compile(IDENTIFIER);
        static final Pattern TYPE_NAME = Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")*(\\[])*(\\.\\.\\.)?");
        static final Pattern SIZE = Pattern.compile("(\\d{1,18})\\s*([kmg]?)b?", Pattern.CASE_INSENSITIVE);
    }

    private TargetSettings() {
    }

    static boolean isTargetKey(String key) {
        return key.equals(PREFIX) || key.startsWith(PREFIX + ".");
    }

    /** {@code targets.<name>.<field>}, or {@code targets.<name>} for a null field. */
    static String keyOf(String name, String field) {
        return PREFIX + "." + name + (field == null ? "" : "." + field);
    }

    /** Every target the settings define, sorted by name. */
    static List<Target> parse(Map<String, Setting> settings) {
        Map<String, RawTarget> byName = new TreeMap<>();
        for (Setting setting : settings.values()) {
            if (!isTargetKey(setting.key())) {
                continue;
            }
            if (setting.key().equals(PREFIX)) {
                for (RawTarget compact : CompactTargets.parseList(setting)) {
                    add(byName, compact);
                }
                continue;
            }
            String rest = setting.key().substring(PREFIX.length() + 1);
            int dot = rest.indexOf('.');
            String name = dot < 0 ? rest : rest.substring(0, dot);
            requireName(name, setting);
            if (dot < 0) {
                add(byName, CompactTargets.parseOne(name, setting.value(), setting));
                continue;
            }
            String field = rest.substring(dot + 1);
            if (field.contains(".")) {
                String dottedName = rest.substring(0, rest.lastIndexOf('.'));
                throw SourcedConfigException.invalidValue(setting.key(), dottedName, "target name '" + dottedName
                        + "' has a '.'; a target name may contain " + NAME_ALLOWED, setting.origin());
            }
            RawTarget target = byName.get(name); // no lambda on premain's path: the JVM's first one costs milliseconds
            if (target == null) {
                target = new RawTarget(name, keyOf(name, null), null);
                byName.put(name, target);
            }
            if (target.compactOrigin() != null) {
                throw twice(name, target.compactOrigin(), setting.origin());
            }
            target.put(field, setting.value(), setting.origin());
        }
        List<Target> targets = new ArrayList<>();
        for (RawTarget raw : byName.values()) {
            targets.add(build(raw));
        }
        return List.copyOf(targets);
    }

    private static void add(Map<String, RawTarget> byName, RawTarget compact) {
        requireName(compact.name(), compact.compactOrigin(), compact.key());
        RawTarget previous = byName.putIfAbsent(compact.name(), compact);
        if (previous != null) {
            throw twice(compact.name(), previous.anyOrigin(), compact.compactOrigin());
        }
    }

    private static SourcedConfigException twice(String name, String first, String second) {
        return SourcedConfigException.badSource(keyOf(name, null), "", "target '" + name + "' is defined twice, by "
                + first + " and by " + second + "; define each target in one place", second);
    }

    private static void requireName(String name, Setting setting) {
        requireName(name, setting.origin(), setting.key());
    }

    private static void requireName(String name, String origin, String key) {
        if (!Syntax.NAME.matcher(name).matches()) {
            throw SourcedConfigException.invalidValue(key, name, "a target name may contain " + NAME_ALLOWED, origin);
        }
    }

    private static Target build(RawTarget raw) {
        for (String field : raw.values().keySet()) {
            if (!FIELDS.contains(field)) {
                StringBuilder hint = new StringBuilder("target '" + raw.name() + "' has no field '" + field + "'; ");
                ClosestMatch.among(field, FIELDS).ifPresent(c -> hint.append("did you mean '").append(c).append("'? "));
                hint.append("fields: ").append(String.join(", ", FIELDS));
                throw SourcedConfigException.unknownKey(keyOf(raw.name(), field), raw.values().get(field),
                        hint.toString(), raw.origin(field));
            }
        }
        Target.Builder builder = Target.builder(raw.name())
                .className(required(raw, FIELD_CLASS, Syntax.CLASS_NAME, "a binary class name such as java.util.Base64$Decoder"))
                .methodName(methodName(raw))
                .subtypes(bool(raw, FIELD_SUBTYPES))
                .parameterTypes(parameterTypes(raw))
                .estimate(estimate(raw))
                .priority(priority(raw));
        String operation = raw.values().get(FIELD_OPERATION);
        if (operation != null) {
            if (operation.isBlank()) {
                throw invalid(raw, FIELD_OPERATION, "a non-empty operation name (default: the target's name)");
            }
            builder.operation(operation);
        }
        Target.OnReject onReject = onReject(raw);
        builder.onReject(onReject);
        String wait = raw.values().get(FIELD_MAX_WAIT_MILLIS);
        if (wait != null) {
            if (onReject != Target.OnReject.WAIT) {
                throw invalid(raw, FIELD_MAX_WAIT_MILLIS, "maxWaitMillis applies to onReject=WAIT only; add"
                        + " onReject=WAIT or drop maxWaitMillis");
            }
            builder.maxWaitMillis(number(raw, FIELD_MAX_WAIT_MILLIS, 0, Long.MAX_VALUE));
        }
        return builder.build();
    }

    private static String methodName(RawTarget raw) {
        String method = raw.values().get(FIELD_METHOD);
        if (method != null && (method.equals("<init>") || method.equals("<clinit>"))) {
            throw invalid(raw, FIELD_METHOD, "a method name; constructors and initialisers cannot be targeted");
        }
        return required(raw, FIELD_METHOD, Syntax.METHOD_NAME, "a method name such as decode");
    }

    private static String required(RawTarget raw, String field, Pattern pattern, String allowed) {
        String value = raw.values().get(field);
        if (value == null) {
            throw SourcedConfigException.invalidValue(keyOf(raw.name(), field), "",
                    "target '" + raw.name() + "' needs '" + field + "': " + allowed, raw.anyOrigin());
        }
        if (!pattern.matcher(value).matches()) {
            throw invalid(raw, field, allowed);
        }
        return value;
    }

    private static List<String> parameterTypes(RawTarget raw) {
        String value = raw.values().get(FIELD_PARAMETERS);
        if (value == null) {
            return null; // every overload
        }
        List<String> types = new ArrayList<>();
        if (value.isBlank()) {
            return types; // the overload without parameters
        }
        for (String type : value.split(",", -1)) {
            String stripped = type.strip();
            if (!Syntax.TYPE_NAME.matcher(stripped).matches()) {
                throw invalid(raw, FIELD_PARAMETERS, "comma-separated parameter types as Java writes them"
                        + " (int, float[], java.lang.String or String); '" + stripped + "' is not one");
            }
            types.add(stripped.endsWith("...") ? stripped.substring(0, stripped.length() - 3) + "[]" : stripped);
        }
        return types;
    }

    private static Target.Estimate estimate(RawTarget raw) {
        List<String> given = new ArrayList<>();
        for (String field : ESTIMATE_FIELDS) {
            if (raw.values().containsKey(field)) {
                given.add(field);
            }
        }
        if (given.size() != 1) {
            String field = given.isEmpty() ? FIELD_ESTIMATE : given.get(1);
            String value = given.isEmpty() ? "" : raw.values().get(field);
            throw SourcedConfigException.invalidValue(keyOf(raw.name(), field), value, "target '" + raw.name()
                    + "' needs exactly one of estimate (an expression over $0..$n), bytes (a size) or estimator"
                    + " (a MemoryEstimator class); " + (given.isEmpty() ? "none is given" : "given: " + given),
                    given.isEmpty() ? raw.anyOrigin() : raw.origin(field));
        }
        String value = raw.values().get(given.get(0));
        return switch (given.get(0)) {
            case FIELD_ESTIMATE -> {
                if (value.isBlank()) {
                    throw invalid(raw, FIELD_ESTIMATE, "an estimate expression such as len($0) * 2");
                }
                yield new Target.Expression(value);
            }
            case FIELD_BYTES -> new Target.FixedBytes(size(raw, value));
            default -> new Target.EstimatorClass(required(raw, FIELD_ESTIMATOR, Syntax.CLASS_NAME,
                    "the binary name of a class implementing io.heapguard.MemoryEstimator"));
        };
    }

    private static long size(RawTarget raw, String value) {
        var matcher = Syntax.SIZE.matcher(value);
        if (!matcher.matches()) {
            throw invalid(raw, FIELD_BYTES, "a size in bytes, optionally with a binary unit: 1048576, 512k, 1m, 2g");
        }
        long number = Long.parseLong(matcher.group(1));
        int shift = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        if (number > (Long.MAX_VALUE >> shift)) {
            throw invalid(raw, FIELD_BYTES, "a size below 8 EiB");
        }
        return number << shift;
    }

    private static Target.OnReject onReject(RawTarget raw) {
        String value = raw.values().get(FIELD_ON_REJECT);
        if (value == null) {
            return Target.OnReject.THROW;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (upper.equals("FALLBACK")) {
            throw invalid(raw, FIELD_ON_REJECT, "THROW or WAIT; FALLBACK needs a fallback method in the guarded"
                    + " class, which a configured target cannot name (annotate the method to use one)");
        }
        for (Target.OnReject option : Target.OnReject.values()) {
            if (option.name().equals(upper)) {
                return option;
            }
        }
        throw invalid(raw, FIELD_ON_REJECT, "THROW or WAIT");
    }

    private static boolean bool(RawTarget raw, String field) {
        String value = raw.values().get(field);
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(raw, field, "true or false");
        };
    }

    private static int priority(RawTarget raw) {
        return raw.values().containsKey(FIELD_PRIORITY)
                ? (int) number(raw, FIELD_PRIORITY, Integer.MIN_VALUE, Integer.MAX_VALUE) : 0;
    }

    private static long number(RawTarget raw, String field, long min, long max) {
        String value = raw.values().get(field);
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the allowed range
        }
        throw invalid(raw, field, min == 0 ? "a whole number >= 0" : "a whole number (an int)");
    }

    private static SourcedConfigException invalid(RawTarget raw, String field, String allowed) {
        return SourcedConfigException.invalidValue(keyOf(raw.name(), field), raw.values().get(field),
                "target '" + raw.name() + "', field " + field + ": expected " + allowed, raw.origin(field));
    }

    /** A target's fields as given (text), with where each came from. */
    static final class RawTarget {
        private final String name;
        private final String key;
        private final String compactOrigin;
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, String> origins = new LinkedHashMap<>();

        /** @param compactOrigin where the compact form came from, or null when built from separate fields */
        RawTarget(String name, String key, String compactOrigin) {
            this.name = name;
            this.key = key;
            this.compactOrigin = compactOrigin;
        }

        void put(String field, String value, String origin) {
            if (values.containsKey(field)) {
                throw SourcedConfigException.badSource(keyOf(name, field), value, "target '" + name + "' gives '"
                        + field + "' twice: '" + values.get(field) + "' and '" + value + "'; keep one", origin);
            }
            values.put(field, value);
            origins.put(field, origin);
        }

        String name() {
            return name;
        }

        String key() {
            return key;
        }

        String compactOrigin() {
            return compactOrigin;
        }

        Map<String, String> values() {
            return values;
        }

        String origin(String field) {
            String origin = origins.get(field);
            return origin == null ? anyOrigin() : origin;
        }

        String anyOrigin() {
            if (compactOrigin != null) {
                return compactOrigin;
            }
            return origins.isEmpty() ? "configuration" : origins.values().iterator().next();
        }
    }
}
