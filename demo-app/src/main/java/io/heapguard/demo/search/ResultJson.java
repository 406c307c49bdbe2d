package io.heapguard.demo.search;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** JSON forms of results, as the HTTP API documents them (docs/architecture.md). */
public final class ResultJson {

    private static final JsonFactory FACTORY = new JsonFactory();
    /** JSON bytes of a hit besides its strings: keys, quotes, rank and score (a float is at most ~15 chars). */
    private static final int HIT_JSON_OVERHEAD_BYTES = 80;
    /** JSON bytes of a result besides its query and hits: keys, mode, total, took_ms. */
    private static final int RESULT_JSON_OVERHEAD_BYTES = 96;
    /** Largest array a JVM allocates. */
    private static final long MAX_BUFFER_BYTES = Integer.MAX_VALUE - 8;

    private ResultJson() {
    }

    /** {@code {"mode","query","total","took_ms","hits":[{"rank","id","word","score","text"}]}} */
    public static ByteArrayOutputStream serialize(SearchResult result) throws IOException {
        // sized once: grown by doubling from a small buffer it allocated ~2.5 times the JSON
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(expectedBatchBytes(List.of(result)));
        try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
            write(json, result);
        }
        return bytes;
    }

    /** {@code {"results":[...]}} */
    public static ByteArrayOutputStream serializeBatch(List<SearchResult> results) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(expectedBatchBytes(results));
        try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeArrayFieldStart("results");
            for (SearchResult result : results) {
                write(json, result);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return bytes;
    }

    /**
     * About the size of a batch's JSON, so its buffer is allocated once: grown by doubling from a
     * small one, a buffer allocates 2 to 4 times the final JSON on the way, a batch's largest cost
     * when its pages come from the result cache. Counts a byte per char plus 1/16: text that is not
     * ASCII or needs escapes may grow the buffer once more.
     */
    static int expectedBatchBytes(List<SearchResult> results) {
        long chars = 0;
        for (SearchResult result : results) {
            chars += RESULT_JSON_OVERHEAD_BYTES + result.mode().length() + result.query().length();
            for (SearchHit hit : result.hits()) {
                chars += HIT_JSON_OVERHEAD_BYTES + hit.id().length() + hit.word().length() + hit.text().length();
            }
        }
        return (int) Math.min(chars + chars / 16, MAX_BUFFER_BYTES);
    }

    /** A generator writing one JSON object per line (JSON lines), for exports. */
    public static JsonGenerator jsonLines(OutputStream out) throws IOException {
        JsonGenerator json = FACTORY.createGenerator(out);
        json.setRootValueSeparator(new SerializedString("\n"));
        return json;
    }

    static void write(JsonGenerator json, SearchResult result) throws IOException {
        json.writeStartObject();
        json.writeStringField("mode", result.mode());
        json.writeStringField("query", result.query());
        json.writeNumberField("total", result.total());
        json.writeNumberField("took_ms", result.tookMs());
        json.writeArrayFieldStart("hits");
        for (SearchHit hit : result.hits()) {
            json.writeStartObject();
            json.writeNumberField("rank", hit.rank());
            json.writeStringField("id", hit.id());
            json.writeStringField("word", hit.word());
            json.writeNumberField("score", hit.score());
            json.writeStringField("text", hit.text());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
