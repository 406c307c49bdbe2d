package io.heapguard.demo.http;

import com.sun.net.httpserver.HttpExchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Sends one exchange's response and remembers whether the status line is already out. */
final class Responder {

    static final String JSON = "application/json; charset=utf-8";
    static final String JSON_LINES = "application/x-ndjson; charset=utf-8";

    private final HttpExchange exchange;
    private boolean committed;

    Responder(HttpExchange exchange) {
        this.exchange = exchange;
    }

    boolean committed() {
        return committed;
    }

    /** A complete body of known length; written without copying the buffer, by the server or us ({@link SlicedWrites}). */
    void send(int status, ByteArrayOutputStream body) throws IOException {
        commit(status, JSON, body.size() == 0 ? -1 : body.size());
        try (OutputStream out = new SlicedWrites(exchange.getResponseBody())) {
            body.writeTo(out);
        }
    }

    /** A streamed (chunked) body; the caller closes the stream. */
    OutputStream stream(int status, String contentType) throws IOException {
        commit(status, contentType, 0);
        return exchange.getResponseBody();
    }

    private void commit(int status, String contentType, long length) throws IOException {
        if (committed) {
            throw new IllegalStateException("response already started");
        }
        committed = true;
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, length);
    }
}
