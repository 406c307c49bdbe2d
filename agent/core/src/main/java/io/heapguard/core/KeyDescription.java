package io.heapguard.core;

/**
 * How a configuration key appears in docs/configuration.md's table: its name, what it takes and
 * its default, written once beside the key's declaration ({@link GuardKey}, the agent's AgentKey)
 * and compared with the table by a test.
 *
 * @param key        the key without the {@code heapguard.} prefix
 * @param accepts    the table's type column: {@code size}, {@code duration, at least 0} ...
 * @param defaultDoc the table's default column, Markdown: {@code `90%`}
 */
public record KeyDescription(String key, String accepts, String defaultDoc) {

    /** A key whose default is a value written as code: {@code `5s`}. */
    public static KeyDescription withDefault(String key, String accepts, String defaultValue) {
        // String.concat, not +: premain builds these, and indy string concatenation's first use
        // costs it tens of milliseconds (the agent modules compile with -XDstringConcat=inline)
        return new KeyDescription(key, accepts, "`".concat(defaultValue).concat("`"));
    }
}
