package io.heapguard.demo.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapguard.demo.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.heapguard.demo.search.RequestLimits;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.heapguard.demo.TestServices.TIGER;
import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP API end to end, on a free port, as docs/architecture.md specifies it. */
class HttpApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DemoServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        server = DemoServer.start(TestServices.get().search(), 0, 4, 0);
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static void assertBadRequest(HttpResponse<String> response, String field) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = json(response);
        assertThat(body.path("error").asText()).isEqualTo("bad_request");
        assertThat(body.path("field").asText()).isEqualTo(field);
        assertThat(body.path("message").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void search_vector_returnsDocumentedShape() throws Exception {
        HttpResponse<String> response = get("/search?q=large+striped+feline&mode=vector&k=10");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = json(response);
        assertThat(body.path("mode").asText()).isEqualTo("vector");
        assertThat(body.path("query").asText()).isEqualTo("large striped feline");
        assertThat(body.has("total")).isTrue();
        assertThat(body.has("took_ms")).isTrue();
        JsonNode first = body.path("hits").get(0);
        for (String field : new String[] {"rank", "id", "word", "score", "text"}) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        assertThat(body.path("hits").findValuesAsText("id")).contains(TIGER);
    }

    @Test
    void search_defaultsToKeyword() throws Exception {
        JsonNode body = json(get("/search?q=tiger"));

        assertThat(body.path("mode").asText()).isEqualTo("keyword");
        assertThat(body.path("hits").size()).isBetween(1, 10);
    }

    @Test
    void search_offset_ranksContinue() throws Exception {
        JsonNode body = json(get("/search?q=animal&k=3&offset=5"));

        assertThat(body.path("hits").get(0).path("rank").asInt()).isEqualTo(6);
    }

    @Test
    void search_badInputs_are400sNamingTheField() throws Exception {
        assertBadRequest(get("/search?q="), "q");
        assertBadRequest(get("/search"), "q");
        assertBadRequest(get("/search?q=" + "a".repeat(1_001)), "q");
        assertBadRequest(get("/search?q=tiger&k=0"), "k");
        assertBadRequest(get("/search?q=tiger&k=ten"), "k");
        assertBadRequest(get("/search?q=tiger&k=99999999999"), "k");
        assertBadRequest(get("/search?q=tiger&k=1000&offset=999999"), "offset");
        assertBadRequest(get("/search?q=tiger&mode=semantic"), "mode");
        assertBadRequest(get("/search?q=tiger&size=10"), "size");
        assertBadRequest(get("/search?q=tiger&q=lion"), "q");
        assertBadRequest(get("/search?q=tiger+AND+%28"), "q");
        assertBadRequest(get("/search?q=tiger&mode=fuzzy&edits=5"), "edits");
        assertBadRequest(get("/search?q=%2F%5Btiger%2F"), "q");
        assertBadRequest(get("/search?q=*tiger"), "q");
    }

    @Test
    void batch_queries_returnsOneResultEach() throws Exception {
        HttpResponse<String> response = post("/search/batch",
                "{\"mode\":\"vector\",\"k\":3,\"queries\":[\"large striped feline\",\"a keyboard instrument\"]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode results = json(response).path("results");
        assertThat(results.size()).isEqualTo(2);
        assertThat(results.get(0).path("hits").size()).isEqualTo(3);
        assertThat(results.get(1).path("query").asText()).isEqualTo("a keyboard instrument");
    }

    @Test
    void batch_badBodies_are400sNamingTheField() throws Exception {
        String nanVector = "[NaN" + ",0.1".repeat(383) + "]";
        assertBadRequest(post("/search/batch", "{\"mode\":\"vector\",\"vectors\":[" + nanVector + "]}"), "vectors[0]");
        assertBadRequest(post("/search/batch", "{\"mode\":\"vector\",\"vectors\":[[0.1,0.2]]}"), "vectors[0]");
        assertBadRequest(post("/search/batch", "{\"mode\":\"vector\",\"queries\":[\"a\"],\"limit\":3}"), "limit");
        assertBadRequest(post("/search/batch", "{\"mode\":\"vector\",\"k\":-1,\"queries\":[\"a\"]}"), "k");
        assertBadRequest(post("/search/batch", "{\"mode\":\"vector\",\"k\":\"10\",\"queries\":[\"a\"]}"), "k");
        assertBadRequest(post("/search/batch", "{\"mode\":\"vector\",\"queries\":[]}"), "queries");
        assertBadRequest(post("/search/batch", "{\"mode\":\"vector\",\"queries\":[42]}"), "queries[0]");
        assertBadRequest(post("/search/batch", "{\"mode\":\"telepathy\",\"queries\":[\"a\"]}"), "mode");
        assertBadRequest(post("/search/batch", "{\"mode\":\"vector\""), "body");
        assertBadRequest(post("/search/batch", "[1,2]"), "body");
    }

    @Test
    void export_streamsJsonLines() throws Exception {
        HttpResponse<String> response = get("/export?q=feline");

        assertThat(response.statusCode()).isEqualTo(200);
        String[] lines = response.body().split("\n");
        assertThat(lines.length).isGreaterThan(3);
        for (String line : lines) {
            JsonNode hit = JSON.readTree(line);
            assertThat(hit.path("text").asText()).isNotBlank();
        }
    }

    @Test
    void export_unknownParameter_is400() throws Exception {
        assertBadRequest(get("/export?q=cat&k=10"), "k");
    }

    @Test
    void health_reportsHeapAndLiveHeap() throws Exception {
        JsonNode body = json(get("/health"));

        assertThat(body.path("status").asText()).isEqualTo("ok");
        assertThat(body.path("docs").asLong()).isEqualTo(TestServices.get().index().stats().docs());
        assertThat(body.path("heapUsed").asLong()).isPositive();
        assertThat(body.path("heapMax").asLong()).isGreaterThanOrEqualTo(body.path("heapUsed").asLong());
        assertThat(body.has("liveHeapAfterGc")).isTrue();
    }

    @Test
    void stats_withoutAgent_isInactive() throws Exception {
        HttpResponse<String> response = get("/stats");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("active").asBoolean(true)).isFalse();
    }

    @Test
    void unknownPathAndWrongMethod_areJsonErrors() throws Exception {
        HttpResponse<String> missing = get("/nothing-here");
        HttpResponse<String> wrongMethod = get("/search/batch");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).path("error").asText()).isEqualTo("not_found");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json(wrongMethod).path("error").asText()).isEqualTo("method_not_allowed");
    }

    /**
     * As Python's urllib does: the whole oversized body is sent before the answer is read. The
     * server reads and discards it, so the client gets the 413 and its JSON, not a connection reset.
     */
    @Test
    void oversizedBody_sentWholeBeforeReading_gets413WithJsonError() throws Exception {
        byte[] body = new byte[RequestLimits.MAX_BODY_BYTES + 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /search/batch HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 413");
            JsonNode json = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
            assertThat(json.path("error").asText()).isEqualTo("body_too_large");
            assertThat(json.path("limitBytes").asLong()).isEqualTo(RequestLimits.MAX_BODY_BYTES);
            assertThat(json.path("message").asText()).contains(Integer.toString(body.length));
        }
    }

    @Test
    void oversizedChunkedBody_gets413() throws Exception {
        byte[] body = new byte[RequestLimits.MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        // a streamed publisher of unknown length: sent chunked, without Content-Length
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/search/batch"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).path("error").asText()).isEqualTo("body_too_large");
    }
}
