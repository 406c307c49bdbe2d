package io.heapguard.demo.corpus;

import java.util.Locale;
import java.util.Set;

/**
 * Which documents of a corpus to index: the first {@code limit} documents, plus every later document
 * whose word field contains one of {@code includeWords} (whole words, case-insensitive). Tests use
 * small slices that still hold the documents they assert on.
 *
 * <p>With {@code commonOnly}, only the documents in common use are counted and taken: for WordNet the
 * 27,210 synsets with a sense tagged at least once in the SemCor corpus ({@code index.sense}), the
 * meanings ordinary text uses, which index in about a minute on 2 cores instead of the whole
 * corpus's several; Europarl has no such notion and takes every line.
 *
 * @param limit        how many leading documents to take; {@link #ALL} for the whole corpus
 * @param includeWords extra words whose documents are always taken (lower case)
 * @param commonOnly   take only documents in common use (the CLI's default, {@code --limit common})
 */
public record CorpusSlice(int limit, Set<String> includeWords, boolean commonOnly) {

    public static final int ALL = Integer.MAX_VALUE;

    public CorpusSlice {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        includeWords = Set.copyOf(includeWords.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList());
    }

    public CorpusSlice(int limit, Set<String> includeWords) {
        this(limit, includeWords, false);
    }

    public static CorpusSlice all() {
        return new CorpusSlice(ALL, Set.of());
    }

    /** Every document in common use: the CLI's default slice. */
    public static CorpusSlice common() {
        return new CorpusSlice(ALL, Set.of(), true);
    }

    public static CorpusSlice first(int limit) {
        return new CorpusSlice(limit, Set.of());
    }

    /** Whether the document at {@code position} (0-based, in corpus order) belongs to the slice. */
    public boolean takes(int position, String word) {
        if (position < limit) {
            return true;
        }
        if (includeWords.isEmpty()) {
            return false;
        }
        for (String token : word.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (includeWords.contains(token)) {
                return true;
            }
        }
        return false;
    }

    /** Whether no document past the limit can be taken, so reading may stop there. */
    public boolean endsAtLimit() {
        return includeWords.isEmpty();
    }

    /** A short name for directory names: {@code all}, {@code common}, {@code 3000} or {@code 3000+tiger+cat}. */
    public String label() {
        String base = limit == ALL ? (commonOnly ? "common" : "all") : (commonOnly ? "common-" : "") + limit;
        return includeWords.isEmpty() ? base : base + "+" + String.join("+", includeWords.stream().sorted().toList());
    }
}
