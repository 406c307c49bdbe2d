package io.heapguard.demo.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapguard.demo.DemoServices;
import io.heapguard.demo.TestServices;
import io.heapguard.demo.corpus.Corpus;
import io.heapguard.demo.corpus.CorpusSlice;
import io.heapguard.demo.index.BuildProgress;
import io.heapguard.demo.index.IndexStore;
import io.heapguard.demo.index.VectorReadiness;
import io.heapguard.demo.index.VectorState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.heapguard.demo.TestServices.TIGER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve} on a real small index whose vector build is held after its first chunk (a latch in
 * the build's progress callback, no sleeps): keyword and fuzzy answer, vector modes answer 503 with
 * the build's state, /health says which capability is ready; released, the build completes and the
 * same server answers vector searches from the complete index, with no build directory left.
 */
class ServingWhileVectorsBuildTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CorpusSlice SLICE = new CorpusSlice(120, Set.of("tiger"));
    private static final int CHUNK_DOCS = 40;
    /** A safety net against a hung build, not a timing claim: the build is held by the latch. */
    private static final long SAFETY_TIMEOUT_MINUTES = 10;

    @TempDir
    Path temp;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpClient client = HttpClient.newHttpClient();
    private DemoServices services;
    private DemoServer server;

    @AfterEach
    void stop() throws IOException {
        release.countDown();
        if (server != null) {
            server.close();
        }
        if (services != null) {
            services.close();
        }
    }

    /** Holds the build once, after its first chunk, until the test releases it. */
    private final BuildProgress holdAfterFirstChunk = (done, total) -> {
        if (held.getCount() > 0) {
            held.countDown();
            try {
                release.await(SAFETY_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    };

    private void startServing(Path dir) throws Exception {
        services = DemoServices.openForServing(
                embedder -> new IndexStore(embedder, new PrintStream(log, true, StandardCharsets.UTF_8), CHUNK_DOCS),
                dir, Corpus.WORDNET, SLICE, holdAfterFirstChunk, 100, 1024 * 1024);
        server = DemoServer.start(services.search(), 0, 4, 0);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static List<String> ids(JsonNode result) {
        return result.path("hits").findValuesAsText("id");
    }

    private List<String> buildDirectories() throws IOException {
        try (Stream<Path> files = Files.list(temp)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.contains(".building-")).sorted().toList();
        }
    }

    @Test
    void keywordServedWhileVectorsBuild_thenVectorsWithoutRestart() throws Exception {
        Path dir = temp.resolve("idx");
        startServing(dir);
        assertThat(held.await(SAFETY_TIMEOUT_MINUTES, TimeUnit.MINUTES)).as("build reached its first chunk").isTrue();
        long total = services.liveIndex().readiness().docsTotal();
        assertThat(total).isGreaterThan(CHUNK_DOCS);

        // keyword and fuzzy: answered now, from the keyword index
        HttpResponse<String> keyword = get("/search?q=tiger&k=20");
        assertThat(keyword.statusCode()).as(keyword.body()).isEqualTo(200);
        assertThat(ids(json(keyword))).contains(TIGER);
        HttpResponse<String> fuzzy = get("/search?q=tigr&mode=fuzzy&k=20");
        assertThat(fuzzy.statusCode()).as(fuzzy.body()).isEqualTo(200);
        assertThat(ids(json(fuzzy))).contains(TIGER);
        assertThat(post("/search/batch", "{\"mode\":\"keyword\",\"queries\":[\"tiger\"]}").statusCode()).isEqualTo(200);
        assertThat(get("/export?q=tiger").statusCode()).isEqualTo(200);

        // vector modes: 503 naming the state and progress, with Retry-After
        for (String mode : List.of("vector", "exact", "hybrid")) {
            HttpResponse<String> refused = get("/search?q=large+striped+feline&mode=" + mode);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValueAsLong("Retry-After").orElse(-1)).isBetween(1L, 60L);
            JsonNode body = json(refused);
            assertThat(body.path("error").asText()).isEqualTo("vectors_not_ready");
            assertThat(body.path("mode").asText()).isEqualTo(mode);
            assertThat(body.path("vectors").path("state").asText()).isEqualTo("building");
            assertThat(body.path("vectors").path("docsDone").asLong()).isEqualTo(CHUNK_DOCS);
            assertThat(body.path("vectors").path("docsTotal").asLong()).isEqualTo(total);
            assertThat(body.path("message").asText()).contains("keyword and fuzzy search work now");
        }
        HttpResponse<String> vectorBatch = post("/search/batch", "{\"mode\":\"vector\",\"queries\":[\"big cat\"]}");
        assertThat(vectorBatch.statusCode()).as(vectorBatch.body()).isEqualTo(503);

        JsonNode building = json(get("/health"));
        assertThat(building.path("status").asText()).isEqualTo("ok");
        assertThat(building.path("docs").asLong()).isEqualTo(total);
        assertThat(building.path("capabilities").path("keyword").asText()).isEqualTo("ready");
        assertThat(building.path("capabilities").path("fuzzy").asText()).isEqualTo("ready");
        assertThat(building.path("capabilities").path("export").asText()).isEqualTo("ready");
        assertThat(building.path("capabilities").path("vector").asText()).isEqualTo("building");
        assertThat(building.path("capabilities").path("hybrid").asText()).isEqualTo("building");
        assertThat(building.path("vectors").path("docsDone").asLong()).isEqualTo(CHUNK_DOCS);
        assertThat(building.path("vectors").path("docsTotal").asLong()).isEqualTo(total);

        // nothing complete-looking exists yet: only the two build directories of this process
        assertThat(dir).doesNotExist();
        long pid = ProcessHandle.current().pid();
        assertThat(buildDirectories()).containsExactly("idx.building-" + pid, "idx.keywords.building-" + pid);

        release.countDown();
        VectorReadiness settled = services.liveIndex().settled().get(SAFETY_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        assertThat(settled.state()).isEqualTo(VectorState.READY);

        HttpResponse<String> vector = get("/search?q=large+striped+feline&mode=vector&k=10");
        assertThat(vector.statusCode()).as(vector.body()).isEqualTo(200);
        assertThat(ids(json(vector))).contains(TIGER);
        assertThat(get("/search?q=tiger&mode=hybrid").statusCode()).isEqualTo(200);
        // k=21 misses the result cache: the complete index ranks keyword matches as the keyword index did
        List<String> keywordAfter = ids(json(get("/search?q=tiger&k=21")));
        List<String> keywordBefore = ids(json(keyword));
        assertThat(keywordAfter.subList(0, keywordBefore.size())).isEqualTo(keywordBefore);

        JsonNode ready = json(get("/health"));
        assertThat(ready.path("capabilities").path("vector").asText()).isEqualTo("ready");
        assertThat(ready.path("vectors").path("state").asText()).isEqualTo("ready");
        assertThat(ready.path("vectors").path("docsDone").asLong()).isEqualTo(total);
        assertThat(dir.resolve("heapguard-demo-index.properties")).exists();
        assertThat(buildDirectories()).as("the keyword index is removed once replaced").isEmpty();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("indexing wordnet").contains("vectors built");
    }

    @Test
    void closingDuringTheBuild_stopsItAndLeavesNoBuildDirectory() throws Exception {
        Path dir = temp.resolve("idx");
        startServing(dir);
        assertThat(held.await(SAFETY_TIMEOUT_MINUTES, TimeUnit.MINUTES)).as("build reached its first chunk").isTrue();
        server.close();
        server = null;
        DemoServices closing = services;
        services = null;
        Thread closer = new Thread(() -> {
            try {
                closing.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "closer");
        closer.start();
        // close() has marked the index closed once it waits for the build thread; only then is the build let go
        while (closer.getState() != Thread.State.TIMED_WAITING && closer.isAlive()) {
            Thread.onSpinWait();
        }
        release.countDown();
        closer.join(TimeUnit.MINUTES.toMillis(SAFETY_TIMEOUT_MINUTES));

        assertThat(closer.isAlive()).isFalse();
        assertThat(buildDirectories()).isEmpty();
        assertThat(dir).doesNotExist();
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("vectors built").doesNotContain("failed");
    }

    @Test
    void completeCache_isServedCompleteFromTheStart() throws Exception {
        TestServices.get(); // builds the shared test index if this run has not yet
        services = DemoServices.openForServing(embedder -> new IndexStore(embedder, System.err), TestServices.DIR,
                Corpus.WORDNET, TestServices.SLICE, BuildProgress.NONE, 100, 1024 * 1024);
        assertThat(services.liveIndex().readiness().state()).isEqualTo(VectorState.READY);
        server = DemoServer.start(services.search(), 0, 4, 0);
        JsonNode health = json(get("/health"));
        assertThat(health.path("capabilities").path("vector").asText()).isEqualTo("ready");
        assertThat(get("/search?q=big+cat&mode=vector").statusCode()).isEqualTo(200);
    }
}
