package io.heapguard.demo.search;

import java.util.List;

/**
 * A page of hits.
 *
 * @param total matching documents (for vector modes: the candidates ranked)
 */
public record SearchResult(String mode, String query, long total, long tookMs, List<SearchHit> hits) {

    public SearchResult withTookMs(long tookMs) {
        return new SearchResult(mode, query, total, tookMs, hits);
    }
}
