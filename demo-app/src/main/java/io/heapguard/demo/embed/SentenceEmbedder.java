package io.heapguard.demo.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sentence embeddings from all-MiniLM-L6-v2 (quantized ONNX, shipped in a Maven jar, runs offline).
 *
 * <p>Single texts are embedded on the caller's thread, so a guarded search pays for its own query
 * embedding; {@link #embedAll} spreads a batch over {@link #INDEXING_THREADS} threads for indexing.
 */
public final class SentenceEmbedder implements AutoCloseable {

    /** Dimensions of all-MiniLM-L6-v2 vectors. */
    public static final int DIMENSIONS = 384;
    /** Two threads: the machines this runs on have two cores, and ONNX Runtime uses one per call. */
    public static final int INDEXING_THREADS = 2;
    /** The model reads at most 256 word pieces; longer texts only cost time. */
    public static final int MAX_EMBEDDED_CHARS = 1_200;
    /** Names the model in index metadata, so an index built with another model is rebuilt. */
    public static final String MODEL_NAME = "all-minilm-l6-v2-q";

    private final ExecutorService pool;
    private final EmbeddingModel model;

    public SentenceEmbedder() {
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(INDEXING_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "embedder-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel(pool);
    }

    /** Embeds one text on the calling thread. */
    public float[] embed(String text) {
        return model.embed(truncate(text)).content().vector();
    }

    /** Embeds a batch, in parallel; the result is in input order. */
    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String text : texts) {
            segments.add(TextSegment.from(truncate(text)));
        }
        List<Embedding> embeddings = model.embedAll(segments).content();
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (Embedding embedding : embeddings) {
            vectors.add(embedding.vector());
        }
        return vectors;
    }

    private static String truncate(String text) {
        String trimmed = text.isBlank() ? "." : text;
        return trimmed.length() <= MAX_EMBEDDED_CHARS ? trimmed : trimmed.substring(0, MAX_EMBEDDED_CHARS);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
