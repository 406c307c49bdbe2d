package io.heapguard.demo.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.VectorSimilarityFunction;

import java.util.Map;

/** Field names and analysis shared by indexing and searching. */
public final class IndexFields {

    /** Stored, not analysed: the document id. */
    public static final String ID = "id";
    /** Stored and analysed without stemming, so fuzzy matching sees the real headwords. */
    public static final String WORD = "word";
    /** Stored and analysed with English stemming: the gloss or speech. */
    public static final String TEXT = "text";
    /** The document's sentence embedding, in an HNSW graph. */
    public static final String VECTOR = "vector";
    public static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.COSINE;

    private IndexFields() {
    }

    public static Analyzer analyzer() {
        return new PerFieldAnalyzerWrapper(new StandardAnalyzer(), Map.of(TEXT, new EnglishAnalyzer()));
    }
}
