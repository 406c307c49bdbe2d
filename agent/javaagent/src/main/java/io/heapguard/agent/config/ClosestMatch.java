package io.heapguard.agent.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the known name closest to a misspelled one ("did you mean ...?"), for configuration keys
 * and estimate parameter names. Case is ignored; a suggestion is only made when it is plausibly a
 * typo (edit distance at most a third of the longer name, and at least one edit allowed).
 */
public final class ClosestMatch {

    private static final int MIN_ALLOWED_EDITS = 1;
    private static final int NAME_LENGTH_PER_ALLOWED_EDIT = 3;

    private ClosestMatch() {
    }

    /** The candidate closest to {@code wanted}, or empty when none is close enough. */
    public static Optional<String> among(String wanted, Collection<String> candidates) {
        String target = wanted.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int allowed = Math.max(MIN_ALLOWED_EDITS,
                    Math.max(target.length(), candidate.length()) / NAME_LENGTH_PER_ALLOWED_EDIT);
            if (Math.abs(target.length() - candidate.length()) > allowed) {
                continue; // the distance is at least the difference in length: too far, and no need to compute it
            }
            int distance = editDistance(target, candidate.toLowerCase(Locale.ROOT));
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance (insert, delete, substitute) with two rolling rows. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
