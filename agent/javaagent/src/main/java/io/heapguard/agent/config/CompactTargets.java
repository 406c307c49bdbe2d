package io.heapguard.agent.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The compact target syntax, for agent arguments, {@code -D} and the environment, where JSON is
 * awkward (docs/guard-a-library-method.md):
 *
 * <pre>
 * targets           = target *( ";" target )                  (key targets, env HEAPGUARD_TARGETS)
 * target            = name "=" one-target
 * one-target        = class "#" method [ "(" types ")" ] *( "|" field "=" value )   (key targets.&lt;name&gt;)
 * </pre>
 *
 * e.g. {@code b64=java.util.Base64$Decoder#decode(java.lang.String)|estimate=len($0) * 2}. The fields
 * are the JSON keys. {@code ;} and {@code |} appear in no class name, type or estimate expression, so
 * no escaping is ever needed, and a comma only ever appears inside parentheses, which the agent-argument
 * parser keeps together. The result is the same field map the JSON form produces.
 */
final class CompactTargets {

    static final char TARGET_SEPARATOR = ';';
    static final char FIELD_SEPARATOR = '|';
    static final String SYNTAX = "name=a.b.Class#method(type,type)|field=value|... with targets separated by ';'"
            + " (fields: " + String.join(", ", TargetSettings.FIELDS) + ")";

    private CompactTargets() {
    }

    /** The value of {@code targets}: one or more named targets. */
    static List<TargetSettings.RawTarget> parseList(Setting setting) {
        List<TargetSettings.RawTarget> targets = new ArrayList<>();
        for (String part : split(setting.value(), TARGET_SEPARATOR)) {
            if (part.isBlank()) {
                continue;
            }
            int equals = part.indexOf('=');
            int hash = part.indexOf('#');
            if (equals <= 0 || (hash >= 0 && hash < equals)) {
                throw SourcedConfigException.invalidValue(setting.key(), part.strip(),
                        "each target starts with its name: " + SYNTAX, setting.origin());
            }
            String name = part.substring(0, equals).strip();
            targets.add(parseOne(name, part.substring(equals + 1), setting));
        }
        return targets;
    }

    /** The value of {@code targets.<name>}: one target without its name. */
    static TargetSettings.RawTarget parseOne(String name, String text, Setting setting) {
        TargetSettings.RawTarget target = new TargetSettings.RawTarget(name, TargetSettings.keyOf(name, null),
                setting.origin());
        List<String> parts = split(text, FIELD_SEPARATOR);
        methodReference(target, parts.get(0).strip(), setting);
        for (String part : parts.subList(1, parts.size())) {
            if (part.isBlank()) {
                continue;
            }
            int equals = part.indexOf('=');
            if (equals <= 0) {
                throw SourcedConfigException.invalidValue(TargetSettings.keyOf(name, null), part.strip(),
                        "target '" + name + "': '" + part.strip() + "' is not field=value; " + SYNTAX, setting.origin());
            }
            target.put(part.substring(0, equals).strip(), part.substring(equals + 1).strip(), setting.origin());
        }
        return target;
    }

    /** {@code a.b.C#m} or {@code a.b.C#m(int,java.lang.String)}: class, method and, when given, parameters. */
    private static void methodReference(TargetSettings.RawTarget target, String reference, Setting setting) {
        int hash = reference.indexOf('#');
        String open = hash < 0 ? "" : reference.substring(hash + 1);
        int paren = open.indexOf('(');
        if (hash <= 0 || hash == reference.length() - 1 || (paren >= 0 && !open.endsWith(")"))) {
            throw SourcedConfigException.invalidValue(TargetSettings.keyOf(target.name(), null), reference,
                    "target '" + target.name() + "': expected a method reference first, a.b.Class#method or"
                            + " a.b.Class#method(type,type); " + SYNTAX, setting.origin());
        }
        target.put(TargetSettings.FIELD_CLASS, reference.substring(0, hash).strip(), setting.origin());
        if (paren < 0) {
            target.put(TargetSettings.FIELD_METHOD, open.strip(), setting.origin());
        } else {
            target.put(TargetSettings.FIELD_METHOD, open.substring(0, paren).strip(), setting.origin());
            target.put(TargetSettings.FIELD_PARAMETERS, open.substring(paren + 1, open.length() - 1).strip(),
                    setting.origin());
        }
    }

    /** Splits at {@code separator} outside parentheses (a method reference's types may contain neither, but be safe). */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == separator && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
