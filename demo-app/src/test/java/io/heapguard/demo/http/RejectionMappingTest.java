package io.heapguard.demo.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.heapguard.MemoryGuardException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Guard rejections and a full bulkhead become the documented 429 answers. */
class RejectionMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String start(com.sun.net.httpserver.HttpHandler handler) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/search", handler);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/search";
    }

    @Test
    void guardRejection_is429WithTheNumbers() throws Exception {
        String url = start(new ApiHandler("/search", "GET") {
            @Override
            void serve(HttpExchange exchange, Responder responder) {
                throw new MemoryGuardException(MemoryGuardException.Reason.INSUFFICIENT_MEMORY, "search.keyword",
                        5_000_000, 1_000_000, 64_000_000, null);
            }
        });

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(429);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error").asText()).isEqualTo("rejected");
        assertThat(body.path("reason").asText()).isEqualTo("INSUFFICIENT_MEMORY");
        assertThat(body.path("operation").asText()).isEqualTo("search.keyword");
        assertThat(body.path("requestedBytes").asLong()).isEqualTo(5_000_000);
        assertThat(body.path("availableBytes").asLong()).isEqualTo(1_000_000);
        assertThat(body.path("limitBytes").asLong()).isEqualTo(64_000_000);
    }

    @Test
    void fullBulkhead_is429BulkheadFull() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Bulkhead bulkhead = Bulkhead.of("test", BulkheadConfig.custom().maxConcurrentCalls(1)
                .maxWaitDuration(Duration.ZERO).build());
        String url = start(new BulkheadHandler(bulkhead, new ApiHandler("/search", "GET") {
            @Override
            void serve(HttpExchange exchange, Responder responder) throws java.io.IOException {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                responder.send(200, JsonBodies.error("none", "done"));
            }
        }));
        CompletableFuture<HttpResponse<String>> first = client.sendAsync(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        await().until(() -> entered.getCount() == 0);

        HttpResponse<String> second = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        release.countDown();

        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(second.body()).path("reason").asText()).isEqualTo("BULKHEAD_FULL");
        assertThat(first.get().statusCode()).isEqualTo(200);
        await().until(() -> bulkhead.getMetrics().getAvailableConcurrentCalls() == 1);
    }
}
