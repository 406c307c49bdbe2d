package io.heapguard.demo.index;

/**
 * The shape of an index, as estimates need it: how many documents and segments, and how large a
 * hit's stored text is. Passed to guarded methods so their estimate expressions can read it
 * ({@code corpus.avgHitBytes}).
 *
 * @param docs        documents in the index
 * @param avgHitBytes average UTF-8 bytes of a hit's stored word and text
 * @param maxHitBytes largest UTF-8 bytes of a hit's stored word and text
 * @param segments    index segments: a search does some work (and allocates buffers) per segment
 */
public record CorpusStats(long docs, long avgHitBytes, long maxHitBytes, long segments) {

    public CorpusStats {
        if (docs < 0 || avgHitBytes < 0 || maxHitBytes < avgHitBytes || segments < 0) {
            throw new IllegalArgumentException("inconsistent corpus stats: docs=" + docs + " avgHitBytes="
                    + avgHitBytes + " maxHitBytes=" + maxHitBytes + " segments=" + segments);
        }
    }

    public CorpusStats withSegments(long segments) {
        return new CorpusStats(docs, avgHitBytes, maxHitBytes, segments);
    }
}
