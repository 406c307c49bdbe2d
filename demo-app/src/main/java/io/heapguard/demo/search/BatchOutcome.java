package io.heapguard.demo.search;

import io.heapguard.MemoryGuardException;

import java.util.List;

/**
 * How a batch served in chunks went: the entries not served because even alone the guard refused
 * them, in order, and how many guarded calls were tried.
 */
public record BatchOutcome(List<NotServed> notServed, int calls) {

    /** An entry refused by the guard even as a chunk of its own. */
    public record NotServed(int index, String query, MemoryGuardException rejection) {
    }

    public BatchOutcome {
        notServed = List.copyOf(notServed);
    }
}
