package io.heapguard.agent.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code -javaagent:heapguard-agent.jar=k=v,k=v}. Entries are separated by single commas; a
 * doubled comma ({@code ,,}) is a literal comma inside a value (a file path might need one), and a
 * comma inside parentheses belongs to the value, so targets read as written:
 * {@code targets=q=a.B#m(int,long)|estimate=min($0, 100) * 1KB}. Blank entries are ignored; keys may
 * carry the {@code heapguard.} prefix.
 */
final class AgentArguments {

    private AgentArguments() {
    }

    static List<Setting> parse(String agentArgs, OnProblem onProblem) {
        List<Setting> settings = new ArrayList<>();
        if (agentArgs == null) {
            return settings;
        }
        for (String entry : entries(agentArgs)) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0 || entry.substring(0, equals).isBlank()) {
                onProblem.report(() -> SourcedConfigException.badSource(entry.strip(), "", "agent argument '"
                        + entry.strip() + "' is not key=value (entries are separated by ',' and a literal comma is"
                        + " written ',,')", "agent arguments '" + agentArgs + "'"));
                continue;
            }
            String key = SettingKeys.withoutPrefix(entry.substring(0, equals).strip());
            String value = entry.substring(equals + 1).strip();
            settings.add(new Setting(key, value, Setting.Source.AGENT_ARGUMENT, "agent argument " + key));
        }
        return settings;
    }

    private static List<String> entries(String agentArgs) {
        List<String> entries = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < agentArgs.length(); i++) {
            char c = agentArgs.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            }
            if (c != ',' || depth > 0) {
                current.append(c);
            } else if (i + 1 < agentArgs.length() && agentArgs.charAt(i + 1) == ',') {
                current.append(',');
                i++;
            } else {
                entries.add(current.toString());
                current.setLength(0);
            }
        }
        entries.add(current.toString());
        return entries;
    }
}
