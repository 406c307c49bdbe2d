package io.heapguard.demo.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.heapguard.demo.index.VectorReadiness;
import io.heapguard.demo.index.VectorState;
import io.heapguard.demo.search.SearchMode;
import io.heapguard.demo.search.VectorsNotReadyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** A search that needs vectors before they are served becomes the documented 503, and /health's capabilities. */
class VectorsNotReadyMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private HttpResponse<String> answerTo(VectorsNotReadyException thrown) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/search", new ApiHandler("/search", "GET") {
            @Override
            void serve(HttpExchange exchange, Responder responder) {
                throw thrown;
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/search");
        return client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void building_is503WithProgressAndRetryAfter() throws Exception {
        VectorReadiness building = new VectorReadiness(VectorState.BUILDING, 4_096, 27_210, 42, null);

        HttpResponse<String> response = answerTo(new VectorsNotReadyException(SearchMode.HYBRID, building));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("42");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error").asText()).isEqualTo("vectors_not_ready");
        assertThat(body.path("mode").asText()).isEqualTo("hybrid");
        assertThat(body.path("vectors").path("state").asText()).isEqualTo("building");
        assertThat(body.path("vectors").path("docsDone").asLong()).isEqualTo(4_096);
        assertThat(body.path("vectors").path("docsTotal").asLong()).isEqualTo(27_210);
        assertThat(body.path("vectors").path("etaSeconds").asLong()).isEqualTo(42);
        assertThat(body.path("retryAfterSeconds").asLong()).isEqualTo(42);
        assertThat(body.path("message").asText()).contains("4096/27210", "keyword and fuzzy search work now");
    }

    @Test
    void failed_is503WithTheReason_andNoRetryAfter() throws Exception {
        VectorReadiness failed = new VectorReadiness(VectorState.FAILED, 1_024, 27_210, -1, "IOException: No space left on device");

        HttpResponse<String> response = answerTo(new VectorsNotReadyException(SearchMode.VECTOR, failed));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("vectors").path("state").asText()).isEqualTo("failed");
        assertThat(body.path("vectors").path("failure").asText()).isEqualTo("IOException: No space left on device");
        assertThat(body.has("retryAfterSeconds")).isFalse();
        assertThat(body.path("message").asText()).contains("restart");
    }

    @Test
    void capabilities_keywordModesReady_vectorModesFollowTheBuild() {
        Map<String, String> building = InfoHandlers.Health.capabilities(VectorReadiness.building(10));
        assertThat(building).containsExactly(Map.entry("keyword", "ready"), Map.entry("fuzzy", "ready"),
                Map.entry("vector", "building"), Map.entry("exact", "building"), Map.entry("hybrid", "building"),
                Map.entry("export", "ready"));
        assertThat(InfoHandlers.Health.capabilities(VectorReadiness.ready(10))).containsOnlyKeys(building.keySet())
                .allSatisfy((capability, state) -> assertThat(state).isEqualTo("ready"));
        assertThat(InfoHandlers.Health.capabilities(new VectorReadiness(VectorState.FAILED, 0, 10, -1, "x")).get("vector"))
                .isEqualTo("failed");
    }
}
