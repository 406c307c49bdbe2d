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

    private ResultJson() {
    }

    /** {@code {"mode","query","total","took_ms","hits":[{"rank","id","word","score","text"}]}} */
    public static ByteArrayOutputStream serialize(SearchResult result) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
            write(json, result);
        }
        return bytes;
    }

    /** {@code {"results":[...]}} */
    public static ByteArrayOutputStream serializeBatch(List<SearchResult> results) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
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

    /** A generator writing one JSON object per line (JSON lines), for exports. */
    public static JsonGenerator jsonLines(OutputStream out) throws IOException {
        JsonGenerator json = FACTORY.createGenerator(out);
        json.setRootValueSeparator(new SerializedString("\n"));
        return json;
    }

    private static void write(JsonGenerator json, SearchResult result) throws IOException {
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
