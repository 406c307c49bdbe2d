package io.heapguard.demo.search;

/** One ranked hit; {@code rank} is 1-based across pages (offset 20 starts at rank 21). */
public record SearchHit(int rank, String id, String word, float score, String text) {
}
