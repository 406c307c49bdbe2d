package io.heapguard.demo.embed;

import io.heapguard.OnMemoryPressure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Embeddings of recent query texts (users repeat queries, and embedding costs a millisecond or more).
 * Bounded by entry count; the guard empties it under memory pressure.
 */
public final class QueryEmbeddingCache {

    /** Default bound: 4096 entries of ~1.7 KB is about 7 MB. */
    public static final int DEFAULT_MAX_ENTRIES = 4_096;
    /** Approximate heap bytes of one entry besides its key: float[384], map node, references. */
    private static final long ENTRY_OVERHEAD_BYTES = SentenceEmbedder.DIMENSIONS * Float.BYTES + 16 + 64;

    private final int maxEntries;
    private final Map<String, float[]> entries;

    public QueryEmbeddingCache(int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must be >= 0, was " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > QueryEmbeddingCache.this.maxEntries;
            }
        };
    }

    /** The cached embedding of {@code text}, computing it (outside the lock) when absent. */
    public float[] get(String text, Function<String, float[]> embed) {
        synchronized (entries) {
            float[] cached = entries.get(text);
            if (cached != null) {
                return cached;
            }
        }
        float[] vector = embed.apply(text);
        if (maxEntries > 0) {
            synchronized (entries) {
                entries.put(text, vector);
            }
        }
        return vector;
    }

    /**
     * The cached embedding of {@code text}, or null: never embeds. Counts as a use (keeps the entry
     * recent), since a caller peeks to use the embedding soon.
     */
    public float[] peek(String text) {
        synchronized (entries) {
            return entries.get(text);
        }
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Drops every entry; returns the approximate heap bytes released. */
    @OnMemoryPressure
    public long invalidateAll() {
        synchronized (entries) {
            long freed = 0;
            for (String key : entries.keySet()) {
                freed += ENTRY_OVERHEAD_BYTES + 40L + 2L * key.length();
            }
            entries.clear();
            return freed;
        }
    }
}
