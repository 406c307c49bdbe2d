package io.heapguard.it.overload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.heapguard.it.support.Jdk;

/**
 * The demo service, unchanged, with a configured target on Lucene's {@code IndexSearcher.search(Query, int)}
 * (docs/guard-a-library-method.md): its vector search runs through that overload with {@code n = k}
 * (capped at the index size), so a {@code k} whose top-k queue would not fit the target's operation is
 * rejected (HTTP 429 from the demo's existing handler) and smaller ones are served. The demo's own
 * {@code @MemoryAware} methods admit both, so the rejection is the target's.
 */
class DemoLuceneTargetIT {

    private static final String TARGET = "lucene-top-k";
    /** The compact form as an operator would type it; the comma inside parentheses needs no escape. */
    private static final String AGENT_OPTIONS = "operations." + TARGET + ".maxPerCall=1m,targets=" + TARGET
            + "=org.apache.lucene.search.IndexSearcher#search(org.apache.lucene.search.Query, int)|estimate=$1 * 1KB";
    /** 6,000 docs in the IT index: n = 6000 asks for ~6 MiB under this estimate, over the 1m limit. */
    private static final int LARGE_K = OverloadFixture.IT_DOC_LIMIT;
    private static final int SMALL_K = 10;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void demoWithLuceneTarget_largeKRejected_restServed(Jdk jdk) throws Exception {
        jdk.assumePresent();
        ServerSettings base = OverloadFixture.settings();
        ServerSettings settings = new ServerSettings(jdk.javaExecutable(), base.demoJar(), base.agentJar(),
                base.heapMegabytes(), base.serverThreads(), base.indexDir(), base.docLimit(), base.logDir());

        try (DemoProcess server = DemoProcess.start(settings, Protection.heapguard(AGENT_OPTIONS),
                "demo-lucene-target-" + jdk.name().toLowerCase())) {
            // distinct queries: the demo caches results, and a cached answer never reaches Lucene
            HttpResponse<String> small = search(server, "ocean waves", SMALL_K);
            assertThat(small.statusCode()).as(small.body() + "\n" + server.describe()).isEqualTo(200);

            HttpResponse<String> large = search(server, "mountain snow", LARGE_K);
            assertThat(large.statusCode()).as(large.body() + "\n" + server.describe()).isEqualTo(429);
            JsonNode rejection = new ObjectMapper().readTree(large.body());
            assertThat(rejection.path("operation").asText()).isEqualTo(TARGET);
            assertThat(rejection.path("reason").asText()).isEqualTo("ALLOCATION_TOO_LARGE");

            HttpResponse<String> after = search(server, "forest fire", SMALL_K);
            assertThat(after.statusCode()).as("served after the rejection: " + after.body()).isEqualTo(200);

            JsonNode stats = new ObjectMapper().readTree(get(server, "/stats").body());
            JsonNode operation = stats.path("operations").path(TARGET);
            assertThat(operation.path("admitted").asLong()).as(operation.toString()).isEqualTo(2);
            assertThat(operation.path("rejected").path("ALLOCATION_TOO_LARGE").asLong()).isEqualTo(1);
            assertThat(stats.path("totals").path("inFlight").asLong()).isZero();
        }
    }

    private HttpResponse<String> search(DemoProcess server, String query, int k) throws Exception {
        return get(server, "/search?mode=vector&k=" + k + "&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(DemoProcess server, String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(120)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
