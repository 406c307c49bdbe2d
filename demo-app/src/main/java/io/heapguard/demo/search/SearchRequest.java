package io.heapguard.demo.search;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One search: a page of {@code k} hits starting at {@code offset} (0-based).
 *
 * @param maxEdits Levenshtein distance for {@link SearchMode#FUZZY}; ignored by other modes
 */
public record SearchRequest(SearchMode mode, String query, int k, int offset, int maxEdits) {

    public SearchRequest {
        if (mode == null) {
            throw new BadRequestException("mode", "mode is required; allowed: " + SearchMode.allowed());
        }
        query = Validation.queryText("q", query);
        Validation.window(k, offset);
        if (maxEdits < 0 || maxEdits > RequestLimits.MAX_EDITS) {
            throw new BadRequestException("edits", "edits must be 0, 1 or 2, was " + maxEdits);
        }
    }

    public static SearchRequest of(SearchMode mode, String query, int k) {
        return new SearchRequest(mode, query, k, 0, RequestLimits.DEFAULT_EDITS);
    }

    /** Chars under which a fuzzy term is charged as if it had this many: short terms at 2 edits match far more. */
    static final int FUZZY_SHORT_TERM_CHARS = 6;

    /**
     * What a fuzzy search's term expansion costs grows with, in "chars": per term its length (at
     * least {@link #FUZZY_SHORT_TERM_CHARS}: a short term's automaton accepts a large share of the
     * dictionary) times the square of the edit distance; 0 for other modes.
     */
    public long fuzzyExpansionChars() {
        if (mode != SearchMode.FUZZY) {
            return 0;
        }
        long chars = 0;
        for (String term : fuzzyTerms(query)) {
            chars += Math.max(term.length(), FUZZY_SHORT_TERM_CHARS);
        }
        return chars * maxEdits * maxEdits;
    }

    /** The terms a fuzzy query searches: lower-case runs of letters and digits. */
    static List<String> fuzzyTerms(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(term -> !term.isEmpty()).toList();
    }

    /** How many top hits Lucene must rank to serve this page. */
    public int window() {
        return offset + k;
    }
}
