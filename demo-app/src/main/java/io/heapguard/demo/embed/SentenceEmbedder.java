package io.heapguard.demo.embed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sentence embeddings from all-MiniLM-L6-v2 (quantized ONNX, shipped in a Maven jar, runs offline).
 *
 * <p>Single texts are embedded on the caller's thread, so a guarded search pays for its own query
 * embedding. {@link #embedAll} (indexing) sorts the texts by length, so that a model call pads
 * little, and runs calls of {@link #BATCH_TEXTS} texts on one thread per core.
 */
public final class SentenceEmbedder implements AutoCloseable {

    /** Dimensions of all-MiniLM-L6-v2 vectors. */
    public static final int DIMENSIONS = 384;
    /** One model call per core at a time: each call runs on one thread. */
    public static final int INDEXING_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    /**
     * Texts per model call while indexing: measured best on 2 cores (docs/demo-indexing.md); larger
     * batches pad more and spill the caches.
     */
    static final int BATCH_TEXTS = 8;
    /** The model reads at most 256 word pieces; longer texts only cost time. */
    public static final int MAX_EMBEDDED_CHARS = 1_200;
    /**
     * Names the model and its pooling in index metadata, so an index built otherwise is rebuilt
     * (the earlier per-text encoder read up to 510 word pieces).
     */
    public static final String MODEL_NAME = "all-minilm-l6-v2-q/mean-256";

    private final ExecutorService pool;
    private final BertEncoder encoder;

    public SentenceEmbedder() {
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(INDEXING_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "embedder-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.encoder = new BertEncoder();
    }

    /** Embeds one text on the calling thread. */
    public float[] embed(String text) {
        return encoder.encode(List.of(truncate(text)))[0];
    }

    /** Embeds a batch, in parallel; the result is in input order. */
    public List<float[]> embedAll(List<String> texts) {
        Integer[] byLength = new Integer[texts.size()];
        for (int i = 0; i < byLength.length; i++) {
            byLength[i] = i;
        }
        Arrays.sort(byLength, Comparator.comparingInt(i -> texts.get(i).length()));
        List<Future<float[][]>> calls = new ArrayList<>();
        for (int start = 0; start < byLength.length; start += BATCH_TEXTS) {
            List<String> batch = new ArrayList<>(BATCH_TEXTS);
            for (int i = start; i < Math.min(byLength.length, start + BATCH_TEXTS); i++) {
                batch.add(truncate(texts.get(byLength[i])));
            }
            calls.add(pool.submit(() -> encoder.encode(batch)));
        }
        float[][] vectors = new float[texts.size()][];
        int next = 0;
        for (Future<float[][]> call : calls) {
            for (float[] vector : join(call)) {
                vectors[byLength[next++]] = vector;
            }
        }
        return Arrays.asList(vectors);
    }

    private static float[][] join(Future<float[][]> call) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("embedding failed: " + e.getCause(), e.getCause());
        }
    }

    private static String truncate(String text) {
        String trimmed = text.isBlank() ? "." : text;
        return trimmed.length() <= MAX_EMBEDDED_CHARS ? trimmed : trimmed.substring(0, MAX_EMBEDDED_CHARS);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        encoder.close();
    }
}
