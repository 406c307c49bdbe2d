package io.heapguard.demo.http;

import com.sun.net.httpserver.HttpExchange;
import io.heapguard.MemoryGuard;
import io.heapguard.demo.index.VectorReadiness;
import io.heapguard.demo.index.VectorState;
import io.heapguard.demo.search.SearchEngine;
import io.heapguard.demo.search.SearchMode;

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

    private static final String READY = VectorState.READY.jsonName();

    private InfoHandlers() {
    }

    /**
     * Liveness and readiness per capability: keyword, fuzzy and export are ready as soon as the
     * server listens; vector, exact and hybrid once the vector build is done ({@code vectors}
     * says how far it is). Always 200 while the process serves anything.
     */
    static final class Health extends ApiHandler {
        private final SearchEngine engine;

        Health(SearchEngine engine) {
            super(Endpoints.HEALTH, "GET");
            this.engine = engine;
        }

        @Override
        void serve(HttpExchange exchange, Responder responder) throws IOException {
            QueryParams.parse(exchange.getRequestURI().getRawQuery(), List.of());
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            Map<String, Object> body = new LinkedHashMap<>();
            VectorReadiness readiness = engine.readiness();
            body.put("status", "ok");
            body.put("docs", engine.stats().docs());
            body.put("capabilities", capabilities(readiness));
            body.put("vectors", JsonBodies.vectors(readiness));
            body.put("heapUsed", heap.getUsed());
            body.put("heapMax", heap.getMax());
            body.put("liveHeapAfterGc", LiveHeap.afterLastGc());
            responder.send(200, JsonBodies.of(body));
        }

        /** Each search mode, and export, with "ready" or the vector build's state. */
        static Map<String, String> capabilities(VectorReadiness readiness) {
            Map<String, String> capabilities = new LinkedHashMap<>();
            for (SearchMode mode : SearchMode.values()) {
                capabilities.put(mode.cliName(), mode.usesVectors() ? readiness.state().jsonName() : READY);
            }
            capabilities.put("export", READY); // keyword matching only
            return capabilities;
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
