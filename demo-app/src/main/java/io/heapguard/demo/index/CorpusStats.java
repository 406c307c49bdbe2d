package io.heapguard.demo.index;

/**
 * The shape of an index, as estimates need it: how many documents, and how large a hit's stored
 * text is. Passed to guarded methods so their estimate expressions can read it
 * ({@code corpus.avgHitBytes}).
 *
 * @param docs        documents in the index
 * @param avgHitBytes average UTF-8 bytes of a hit's stored word and text
 * @param maxHitBytes largest UTF-8 bytes of a hit's stored word and text
 */
public record CorpusStats(long docs, long avgHitBytes, long maxHitBytes) {

    public CorpusStats {
        if (docs < 0 || avgHitBytes < 0 || maxHitBytes < avgHitBytes) {
            throw new IllegalArgumentException("inconsistent corpus stats: docs=" + docs
                    + " avgHitBytes=" + avgHitBytes + " maxHitBytes=" + maxHitBytes);
        }
    }
}
