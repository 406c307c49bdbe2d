package io.heapguard.demo.search;

import io.heapguard.MemoryGuardException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a batch answers: a result per entry, in order, null where the entry was not served because
 * even alone it could not be admitted ({@link #notServed} says why), and how many guarded calls
 * were tried for it ({@code 1} when it was admitted whole).
 */
public record BatchOutcome(List<SearchResult> results, List<NotServed> notServed, int calls) {

    /** An entry refused by the guard even as a chunk of its own. */
    public record NotServed(int index, String query, MemoryGuardException rejection) {
    }

    public BatchOutcome {
        results = Collections.unmodifiableList(new ArrayList<>(results)); // nulls allowed: unserved entries
        notServed = List.copyOf(notServed);
    }

    /** A batch admitted and served in one call. */
    public static BatchOutcome whole(List<SearchResult> results) {
        return new BatchOutcome(results, List.of(), 1);
    }

    /** Whether every entry was served. */
    public boolean complete() {
        return notServed.isEmpty();
    }
}
