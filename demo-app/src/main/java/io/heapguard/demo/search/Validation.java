package io.heapguard.demo.search;

/** Checks shared by the request records; each failure names the field and the rule. */
final class Validation {

    private Validation() {
    }

    static String queryText(String field, String query) {
        if (query == null || query.isBlank()) {
            throw new BadRequestException(field, field + " must be a non-empty query");
        }
        if (query.length() > RequestLimits.MAX_QUERY_CHARS) {
            throw new BadRequestException(field, field + " has " + query.length() + " chars; at most "
                    + RequestLimits.MAX_QUERY_CHARS + " allowed");
        }
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw new BadRequestException(field, field + " contains control character U+"
                        + String.format("%04X", (int) c) + " at position " + i);
            }
        }
        return query.strip();
    }

    static void window(int k, int offset) {
        if (k < 1) {
            throw new BadRequestException("k", "k must be >= 1, was " + k);
        }
        if (offset < 0) {
            throw new BadRequestException("offset", "offset must be >= 0, was " + offset);
        }
        if ((long) k + offset > RequestLimits.MAX_WINDOW) {
            throw new BadRequestException(k > RequestLimits.MAX_WINDOW - offset && offset == 0 ? "k" : "offset",
                    "k + offset must be <= " + RequestLimits.MAX_WINDOW + ", was " + ((long) k + offset));
        }
    }
}
