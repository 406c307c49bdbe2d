package io.heapguard.demo.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a query is matched. */
public enum SearchMode {
    /** BM25 over words and text, Lucene query syntax. */
    KEYWORD,
    /** Levenshtein matching of each term (max edits 0–2, bounded expansion). */
    FUZZY,
    /** Approximate kNN on the HNSW graph of sentence embeddings. */
    VECTOR,
    /** Exact kNN: every stored vector compared (brute force). */
    EXACT,
    /** Keyword and vector results fused by reciprocal rank. */
    HYBRID;

    /** Whether a search in this mode embeds its query text with the sentence model. */
    public boolean embedsQuery() {
        return this == VECTOR || this == EXACT || this == HYBRID;
    }

    /** Whether a search in this mode reads the HNSW graph or the stored vectors (so must wait for the vector build). */
    public boolean usesVectors() {
        return switch (this) {
            case KEYWORD, FUZZY -> false;
            case VECTOR, EXACT, HYBRID -> true;
        };
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a mode name, or fails naming the field and the allowed values. */
    public static SearchMode parse(String field, String value) {
        for (SearchMode mode : values()) {
            if (mode.cliName().equals(value)) {
                return mode;
            }
        }
        throw new BadRequestException(field, "unknown mode '" + value + "'; allowed: " + allowed());
    }

    public static String allowed() {
        return Arrays.stream(values()).map(SearchMode::cliName).collect(Collectors.joining(", "));
    }
}
