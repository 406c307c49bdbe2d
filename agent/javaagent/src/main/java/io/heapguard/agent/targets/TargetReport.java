package io.heapguard.agent.targets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What each target matched, for the stats ({@code targets.<name>}, docs/stats.md) and for the one
 * warning about a target that matched nothing by {@code targetCheckDelay} after start (a typo in a class
 * or method name must not pass silently).
 */
public final class TargetReport {

    /** Enough to see which overloads and implementations matched; the count keeps going past it. */
    static final int MAX_LISTED_METHODS = 50;

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    public TargetReport(List<Target> targets) {
        for (Target target : targets) {
            entries.put(target.name(), new Entry(target));
        }
    }

    /** A method is now guarded by the target. */
    public void matched(Target target, String methodDisplayName) {
        Entry entry = entries.get(target.name());
        if (entry != null && !entry.methods.contains(methodDisplayName)) {
            entry.methods.add(methodDisplayName);
        }
    }

    public int matchedMethods(String targetName) {
        Entry entry = entries.get(targetName);
        return entry == null ? 0 : entry.methods.size();
    }

    /** The targets that have not matched a single method so far. */
    public List<Target> unmatched() {
        List<Target> unmatched = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.methods.isEmpty()) {
                unmatched.add(entry.target);
            }
        }
        return unmatched;
    }

    /** The warning for a target that matched nothing: what it looked for, and where to look. */
    public static String unmatchedMessage(Target target, long afterSeconds) {
        return "target '" + target.name() + "' (" + target.methodReference() + ") matched no method in the "
                + afterSeconds + " s since start: check the class name (binary form, a$B for nested classes), the"
                + " method name and the parameter types, and that the class is loaded by then; the stats"
                + " (targets." + target.name() + ".matchedMethods) list what every target matched";
    }

    /** The {@code "targets": {...}} member for the stats document, or null without targets. */
    public String toJsonMember() {
        if (entries.isEmpty()) {
            return null;
        }
        StringBuilder json = new StringBuilder("\"targets\":{");
        boolean first = true;
        for (Entry entry : entries.values()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            Target target = entry.target;
            json.append(quote(target.name())).append(":{")
                    .append("\"class\":").append(quote(target.className()))
                    .append(",\"subtypes\":").append(target.subtypes())
                    .append(",\"method\":").append(quote(target.methodName()))
                    .append(",\"operation\":").append(quote(target.operation()))
                    .append(",\"matchedMethods\":").append(entry.methods.size())
                    .append(",\"methods\":[");
            List<String> methods = entry.methods;
            for (int i = 0; i < Math.min(methods.size(), MAX_LISTED_METHODS); i++) {
                json.append(i == 0 ? "" : ",").append(quote(methods.get(i)));
            }
            json.append("]}");
        }
        return json.append('}').toString();
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static final class Entry {
        final Target target;
        final List<String> methods = new CopyOnWriteArrayList<>();

        Entry(Target target) {
            this.target = target;
        }
    }
}
