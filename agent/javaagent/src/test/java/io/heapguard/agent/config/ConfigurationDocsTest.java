package io.heapguard.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.heapguard.core.GuardKey;
import io.heapguard.core.KeyDescription;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's key table is checked against the keys' one declaration ({@link AgentKey},
 * {@link GuardKey}): a row per key with the same type and default, and no row for a key that does
 * not exist (stale docs are bugs).
 */
class ConfigurationDocsTest {

    /** From the module directory, where surefire runs. */
    private static final Path DOCS = Path.of("../../docs/configuration.md");
    private static final Pattern KEY_ROW = Pattern.compile("\n\\| `([^`]+)` \\|");
    /** Rows that document a form of the targets key rather than a key of its own. */
    private static final List<String> TARGET_FORMS = List.of("targets.<name>", "targets.<name>.<field>");

    @Test
    void configurationDoc_hasARowPerKey_withItsTypeAndDefault() throws Exception {
        String doc = Files.readString(DOCS);

        for (AgentKey key : AgentKey.values()) {
            assertRow(doc, key.description());
        }
        for (GuardKey key : GuardKey.values()) {
            assertRow(doc, key.description());
        }
        for (GuardKey.OperationKey key : GuardKey.OperationKey.values()) {
            assertRow(doc, key.description());
        }
    }

    @Test
    void configurationDoc_keyTable_listsNoKeyThatDoesNotExist() throws Exception {
        String table = keyTable(Files.readString(DOCS));
        List<String> documented = new ArrayList<>();
        Matcher row = KEY_ROW.matcher(table);
        while (row.find()) {
            documented.add(row.group(1));
        }

        assertThat(documented).isNotEmpty();
        for (String key : documented) {
            boolean known = AgentKey.named(key).isPresent() || GuardKey.named(key).isPresent()
                    || TARGET_FORMS.contains(key) || isOperationKey(key);
            assertThat(known).as("documented key '%s' is declared in AgentKey or GuardKey", key).isTrue();
        }
    }

    private static boolean isOperationKey(String key) {
        for (GuardKey.OperationKey limit : GuardKey.OperationKey.values()) {
            if (limit.description().key().equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static void assertRow(String doc, KeyDescription key) {
        assertThat(doc).as("row for key %s in %s", key.key(), DOCS.toAbsolutePath().normalize())
                .contains("\n| `" + key.key() + "` | " + key.accepts() + " | " + key.defaultDoc() + " |");
    }

    /** The first table whose first column holds keys: from its header to the first blank line. */
    private static String keyTable(String doc) {
        int start = doc.indexOf("\n| `enabled` |");
        int end = doc.indexOf("\n\n", start);
        return doc.substring(start - 1, end < 0 ? doc.length() : end);
    }
}
