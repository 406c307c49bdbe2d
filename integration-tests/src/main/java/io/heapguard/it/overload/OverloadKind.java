package io.heapguard.it.overload;

/**
 * The kinds of request the overload harness's clients send; statistics are kept per kind. Not the
 * demo's {@code io.heapguard.demo.load.RequestKind}: that one is the {@code load} command's everyday
 * mix (hybrid, 50-text batches), these are the comparison's heavy shapes (1000-query batches, wide
 * fuzzy with k=2000), sent on raw sockets ({@link RequestMix}).
 */
public enum OverloadKind {
    /** A normal keyword query, first page. */
    KEYWORD(false),
    /** A normal semantic query, first page. */
    VECTOR(false),
    /** A keyword query for a common word, asking for a deep page (large offset and k). */
    DEEP_PAGE(true),
    /** A fuzzy query on a short term, which expands to many terms, with a large k. */
    FUZZY_WIDE(true),
    /** A batch of many semantic queries with a large k each. */
    VECTOR_BATCH(true),
    /** An export of every document matching a common word, with its stored text. */
    EXPORT(true);

    private final boolean heavy;

    OverloadKind(boolean heavy) {
        this.heavy = heavy;
    }

    /** Whether this is one of the expensive requests real users send now and then. */
    public boolean heavy() {
        return heavy;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
