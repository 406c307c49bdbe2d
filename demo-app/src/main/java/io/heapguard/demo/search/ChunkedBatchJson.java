package io.heapguard.demo.search;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The answer of a batch served in chunks, streamed:
 * {@code {"results":[...],"notServed":[{"index","query","reason","message"}],"calls":n}}, with
 * {@code null} in {@code results} for each entry not served. The answer is opened (a 200
 * committed) only when the first chunk is served; entries refused before that are counted and
 * written then, so a batch of which nothing is served can still be answered 429.
 */
final class ChunkedBatchJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final BatchSink sink;
    private JsonGenerator json;
    private int pendingNulls;

    ChunkedBatchJson(BatchSink sink) {
        this.sink = sink;
    }

    /** Writes a served chunk's results, in order; runs inside the chunk's guarded call. */
    void write(List<SearchResult> results) throws IOException {
        open();
        for (SearchResult result : results) {
            ResultJson.write(json, result);
        }
        // out of the generator's buffer now, while the chunk's reservation still covers it
        json.flush();
    }

    void notServed(BatchOutcome.NotServed entry) throws IOException {
        if (json == null) {
            pendingNulls++;
        } else {
            json.writeNull();
        }
    }

    /** Whether any chunk was served (and the 200 answer is open). */
    boolean opened() {
        return json != null;
    }

    /** Ends the answer: which entries were not served and why, and how many calls were tried. */
    void finish(BatchOutcome outcome) throws IOException {
        json.writeEndArray();
        json.writeArrayFieldStart("notServed");
        for (BatchOutcome.NotServed entry : outcome.notServed()) {
            json.writeStartObject();
            json.writeNumberField("index", entry.index());
            json.writeStringField("query", entry.query());
            json.writeStringField("reason", entry.rejection().reason() == null ? "UNKNOWN" : entry.rejection().reason().name());
            json.writeStringField("message", entry.rejection().getMessage());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNumberField("calls", outcome.calls());
        json.writeEndObject();
        json.close();
    }

    private void open() throws IOException {
        if (json != null) {
            return;
        }
        OutputStream out = sink.openStream();
        json = FACTORY.createGenerator(out);
        json.writeStartObject();
        json.writeArrayFieldStart("results");
        for (; pendingNulls > 0; pendingNulls--) {
            json.writeNull();
        }
    }
}
