package io.heapguard.demo.search;

import io.heapguard.OnMemoryPressure;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recent small result pages (the first page of a popular query is asked for again and again).
 * Only pages of at most {@link #MAX_CACHED_WINDOW} hits are cached, so heavy requests always do
 * their real work; the total is bounded in bytes, and the guard empties it under memory pressure.
 */
public final class ResultCache {

    /** Default bound of the cache, in bytes. */
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;
    /** Largest {@code offset + k} worth caching. */
    public static final int MAX_CACHED_WINDOW = 100;
    /** Approximate heap bytes of a cached hit besides its strings: record, boxed fields, list slot. */
    private static final long HIT_OVERHEAD_BYTES = 96;
    private static final long ENTRY_OVERHEAD_BYTES = 200;

    private final long maxBytes;
    private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    private record Entry(SearchResult result, long bytes) {
    }

    public ResultCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    static boolean cacheable(SearchRequest request) {
        return request.window() <= MAX_CACHED_WINDOW;
    }

    static String key(SearchRequest request) {
        return request.mode().cliName() + '|' + request.maxEdits() + '|' + request.k() + '|' + request.offset()
                + '|' + request.query();
    }

    public synchronized SearchResult get(String key) {
        Entry entry = entries.get(key);
        return entry == null ? null : entry.result();
    }

    public synchronized void put(String key, SearchResult result) {
        long size = sizeOf(key, result);
        if (size > maxBytes) {
            return;
        }
        Entry previous = entries.put(key, new Entry(result, size));
        bytes += size - (previous == null ? 0 : previous.bytes());
        var eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().bytes();
            eldest.remove();
        }
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Drops every entry; returns the approximate heap bytes released. */
    @OnMemoryPressure
    public synchronized long invalidateAll() {
        long freed = bytes;
        entries.clear();
        bytes = 0;
        return freed;
    }

    private static long sizeOf(String key, SearchResult result) {
        long size = ENTRY_OVERHEAD_BYTES + 2L * key.length();
        for (SearchHit hit : result.hits()) {
            size += HIT_OVERHEAD_BYTES + 2L * (hit.id().length() + hit.word().length() + hit.text().length());
        }
        return size;
    }
}
