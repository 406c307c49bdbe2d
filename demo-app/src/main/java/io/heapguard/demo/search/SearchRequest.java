package io.heapguard.demo.search;

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

    /** How many top hits Lucene must rank to serve this page. */
    public int window() {
        return offset + k;
    }
}
