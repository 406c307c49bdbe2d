package io.heapguard.demo.search;

/**
 * Hard input limits. They reject nonsense (a billion hits), not heavy requests: what a valid request
 * may cost is the guard's decision, made from configuration.
 */
public final class RequestLimits {

    /** Longest query text, in chars. */
    public static final int MAX_QUERY_CHARS = 1_000;
    /** Largest {@code offset + k}: Lucene allocates a queue of that many entries. */
    public static final int MAX_WINDOW = 1_000_000;
    /** Most queries or vectors in one batch request. */
    public static final int MAX_BATCH_SIZE = 1_000;
    /** Most terms in a fuzzy query; each becomes a Levenshtein automaton per field. */
    public static final int MAX_FUZZY_TERMS = 8;
    /** Longest fuzzy term, in chars: automaton size grows with term length. */
    public static final int MAX_FUZZY_TERM_CHARS = 64;
    /** Levenshtein distance bound Lucene supports. */
    public static final int MAX_EDITS = 2;
    /** Default Levenshtein distance for fuzzy queries. */
    public static final int DEFAULT_EDITS = 2;
    /** Terms a fuzzy term may expand to, per field: bounds the rewritten query. */
    public static final int FUZZY_MAX_EXPANSIONS = 50;
    /** Default page size. */
    public static final int DEFAULT_K = 10;
    /** Largest request body, in bytes (a full batch of 384-dimensional vectors as JSON fits). */
    public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private RequestLimits() {
    }
}
