package io.heapguard.demo.search;

import io.heapguard.demo.embed.SentenceEmbedder;

import java.util.ArrayList;
import java.util.List;

/**
 * Many searches in one request: either query texts ({@code queries}) or ready vectors
 * ({@code vectors}, 384 finite floats each), never both. Vectors only work with vector modes.
 */
public record BatchRequest(SearchMode mode, int k, List<String> queries, List<float[]> vectors) {

    public BatchRequest {
        if (mode == null) {
            throw new BadRequestException("mode", "mode is required; allowed: " + SearchMode.allowed());
        }
        Validation.window(k, 0);
        if ((queries == null) == (vectors == null)) {
            throw new BadRequestException("queries", "give exactly one of 'queries' (texts) or 'vectors'");
        }
        if (queries != null) {
            queries = checkedQueries(queries);
        } else {
            vectors = checkedVectors(mode, vectors);
        }
    }

    /** How many searches the batch runs. */
    public int size() {
        return queries != null ? queries.size() : vectors.size();
    }

    /**
     * The single search the {@code i}-th entry runs: a page of {@code k} hits for its query text, or
     * for a given vector, labelled {@code vectors[i]}.
     */
    public SearchRequest entry(int i) {
        String query = queries != null ? queries.get(i) : "vectors[" + i + "]";
        return new SearchRequest(mode, query, k, 0, RequestLimits.DEFAULT_EDITS);
    }

    /** Entries {@code from} (inclusive) to {@code to} (exclusive) as a batch of their own: a chunk. */
    public BatchRequest slice(int from, int to) {
        return queries != null ? new BatchRequest(mode, k, queries.subList(from, to), null)
                : new BatchRequest(mode, k, null, vectors.subList(from, to));
    }

    private static List<String> checkedQueries(List<String> queries) {
        checkSize("queries", queries.size());
        List<String> checked = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            checked.add(Validation.queryText("queries[" + i + "]", queries.get(i)));
        }
        return List.copyOf(checked);
    }

    private static List<float[]> checkedVectors(SearchMode mode, List<float[]> vectors) {
        if (mode != SearchMode.VECTOR && mode != SearchMode.EXACT) {
            throw new BadRequestException("vectors", "vectors need mode vector or exact, not " + mode.cliName());
        }
        checkSize("vectors", vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            float[] vector = vectors.get(i);
            if (vector == null || vector.length != SentenceEmbedder.DIMENSIONS) {
                throw new BadRequestException("vectors[" + i + "]", "vectors[" + i + "] has "
                        + (vector == null ? 0 : vector.length) + " dimensions; need " + SentenceEmbedder.DIMENSIONS);
            }
            double norm = 0;
            for (int d = 0; d < vector.length; d++) {
                if (!Float.isFinite(vector[d])) {
                    throw new BadRequestException("vectors[" + i + "]", "vectors[" + i + "][" + d + "] is "
                            + vector[d] + "; every component must be a finite number");
                }
                norm += (double) vector[d] * vector[d];
            }
            if (norm == 0) {
                throw new BadRequestException("vectors[" + i + "]",
                        "vectors[" + i + "] is all zeros; cosine similarity needs a non-zero vector");
            }
        }
        return List.copyOf(vectors);
    }

    private static void checkSize(String field, int size) {
        if (size < 1 || size > RequestLimits.MAX_BATCH_SIZE) {
            throw new BadRequestException(field, field + " must hold 1 to " + RequestLimits.MAX_BATCH_SIZE
                    + " entries, had " + size);
        }
    }
}
