package io.heapguard.demo.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapguard.MemoryGuardException;
import io.heapguard.demo.search.BadRequestException;
import io.heapguard.demo.index.VectorReadiness;
import io.heapguard.demo.search.RequestLimits;
import io.heapguard.demo.search.VectorsNotReadyException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small JSON bodies: errors, rejections, health. */
final class JsonBodies {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonBodies() {
    }

    static ByteArrayOutputStream of(Map<String, ?> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MAPPER.writeValue(out, fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static ByteArrayOutputStream badRequest(BadRequestException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "bad_request");
        body.put("field", e.field());
        body.put("message", e.getMessage());
        return of(body);
    }

    static ByteArrayOutputStream tooLarge(BodyTooLargeException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "body_too_large");
        body.put("field", "body");
        body.put("limitBytes", RequestLimits.MAX_BODY_BYTES);
        body.put("message", e.getMessage());
        return of(body);
    }

    static ByteArrayOutputStream rejected(MemoryGuardException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "rejected");
        body.put("reason", e.reason() == null ? "UNKNOWN" : e.reason().name());
        body.put("operation", e.operation());
        body.put("requestedBytes", e.requestedBytes());
        body.put("availableBytes", e.availableBytes());
        body.put("limitBytes", e.limitBytes());
        body.put("message", e.getMessage());
        return of(body);
    }

    static ByteArrayOutputStream vectorsNotReady(VectorsNotReadyException e) {
        VectorReadiness readiness = e.readiness();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "vectors_not_ready");
        body.put("mode", e.mode().cliName());
        body.put("vectors", vectors(readiness));
        long retryAfter = readiness.retryAfterSeconds();
        if (retryAfter > 0) {
            body.put("retryAfterSeconds", retryAfter);
        }
        body.put("message", e.getMessage());
        return of(body);
    }

    /** The vector build as /health and 503 answers show it. */
    static Map<String, Object> vectors(VectorReadiness readiness) {
        Map<String, Object> vectors = new LinkedHashMap<>();
        vectors.put("state", readiness.state().jsonName());
        vectors.put("docsDone", readiness.docsDone());
        vectors.put("docsTotal", readiness.docsTotal());
        switch (readiness.state()) {
            case BUILDING -> {
                if (readiness.etaSeconds() >= 0) {
                    vectors.put("etaSeconds", readiness.etaSeconds());
                }
            }
            case FAILED -> vectors.put("failure", readiness.failure());
            case READY -> { }
        }
        return vectors;
    }

    static ByteArrayOutputStream bulkheadFull() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "rejected");
        body.put("reason", "BULKHEAD_FULL");
        return of(body);
    }

    static ByteArrayOutputStream error(String error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return of(body);
    }
}
