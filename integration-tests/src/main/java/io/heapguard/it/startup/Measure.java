package io.heapguard.it.startup;

/** A point in a launched process's life, timed from just before the launch. */
enum Measure {
    /** The process has exited (hello-world apps). */
    EXIT("exit", "exit_ms"),
    /** The demo printed {@code listening on http://...}. */
    LISTENING("listening line", "listening_ms"),
    /** The demo answered the first keyword search with a complete 200. */
    FIRST_QUERY("first query 200", "first_query_ms");

    private final String label;
    private final String csvColumn;

    Measure(String label, String csvColumn) {
        this.label = label;
        this.csvColumn = csvColumn;
    }

    String label() {
        return label;
    }

    String csvColumn() {
        return csvColumn;
    }
}
