package io.heapguard.examples.springboot;

/**
 * Code the team does not annotate (think: a library interface). heapguard guards every implementation
 * through a configured target on this interface ({@code "subtypes": true}), see heapguard.json.
 */
public interface Histograms {

    /** Counts of {@code buckets} buckets; the work holds one {@code long} per bucket. */
    long[] histogram(int buckets);
}
