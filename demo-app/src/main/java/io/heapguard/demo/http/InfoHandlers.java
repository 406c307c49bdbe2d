package io.heapguard.demo.http;

import com.sun.net.httpserver.HttpExchange;
import io.heapguard.MemoryGuard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /health} and {@code /stats}: cheap, never guarded, so they answer under pressure too. */
final class InfoHandlers {

    private InfoHandlers() {
    }

    static final class Health extends ApiHandler {
        private final long docs;

        Health(long docs) {
            super(Endpoints.HEALTH, "GET");
            this.docs = docs;
        }

        @Override
        void serve(HttpExchange exchange, Responder responder) throws IOException {
            QueryParams.parse(exchange.getRequestURI().getRawQuery(), List.of());
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "ok");
            body.put("docs", docs);
            body.put("heapUsed", heap.getUsed());
            body.put("heapMax", heap.getMax());
            body.put("liveHeapAfterGc", LiveHeap.afterLastGc());
            responder.send(200, JsonBodies.of(body));
        }
    }

    static final class Stats extends ApiHandler {
        Stats() {
            super(Endpoints.STATS, "GET");
        }

        @Override
        void serve(HttpExchange exchange, Responder responder) throws IOException {
            QueryParams.parse(exchange.getRequestURI().getRawQuery(), List.of());
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(MemoryGuard.stats().json().getBytes(StandardCharsets.UTF_8));
            responder.send(200, body);
        }
    }

    /** Everything not under a known path. */
    static final class NotFound extends ApiHandler {
        NotFound() {
            super("/", "GET");
        }

        @Override
        void serve(HttpExchange exchange, Responder responder) throws IOException {
            responder.send(404, JsonBodies.error("not_found", Endpoints.notFound("/")));
        }
    }
}
