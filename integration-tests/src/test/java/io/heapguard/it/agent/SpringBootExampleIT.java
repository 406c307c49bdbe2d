package io.heapguard.it.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.heapguard.it.support.ForkedJvm;
import io.heapguard.it.support.Jdk;

/**
 * The Spring Boot example (examples/spring-boot) as users run it: {@code java -javaagent:... -jar} on the
 * repackaged fat jar (application classes and heapguard-api nested), its own heapguard.json with a target.
 * The annotated {@code render} and the targeted {@code histogram} are each guarded exactly once per request
 * although Spring proxies the service (CGLIB), rejections come back as HTTP 429 from the
 * {@code @RestControllerAdvice}, and the stats count exactly the requests sent.
 */
class SpringBootExampleIT {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern PORT = Pattern.compile("Tomcat started on port\\(?s?\\)?:? (\\d+)");
    private static final int ADMITTED_PER_ENDPOINT = 3;
    private static final int REJECTED_PER_ENDPOINT = 2;
    /** 100,000 rows or buckets at 1 KB each: over the example's maxPerCall of 64m. */
    private static final int TOO_MANY = 100_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void fatJar_annotatedAndTargetedServiceMethods_guardedOncePerRequest_rejectionsAre429(Jdk jdk) throws Exception {
        String name = "spring-boot-" + jdk.name().toLowerCase();
        Path example = Path.of(System.getProperty("heapguard.example.springboot.dir", "../examples/spring-boot"));
        Path fatJar = example.resolve("target/heapguard-example-spring-boot-exec.jar").toAbsolutePath();
        Path config = example.resolve("heapguard.json").toAbsolutePath();
        assertThat(fatJar).as("built by the examples/spring-boot module").isRegularFile();
        Path workDir = Files.createDirectories(Path.of(System.getProperty("heapguard.it.work", "target/it-work")))
                .toAbsolutePath();
        Path statsFile = workDir.resolve(name + "-stats.json");
        Files.deleteIfExists(statsFile);

        try (ForkedJvm.Running app = ForkedJvm.on(jdk)
                .withAgent("config=" + config + ",statsFile=" + statsFile)
                .heap("256m")
                .jar(fatJar)
                .args("--server.port=0")
                .start(name)) {
            int port = awaitPort(app);

            for (int i = 0; i < ADMITTED_PER_ENDPOINT; i++) {
                HttpResponse<String> render = get(port, "/render?rows=100");
                assertThat(render.statusCode()).as(render.body()).isEqualTo(200);
                assertThat(json.readTree(render.body()).path("beanClass").asText())
                        .as("Spring proxies the service").contains("$$SpringCGLIB$$");
                HttpResponse<String> histogram = get(port, "/histogram?buckets=100");
                assertThat(histogram.statusCode()).as(histogram.body()).isEqualTo(200);
            }
            for (int i = 0; i < REJECTED_PER_ENDPOINT; i++) {
                assertRejected(get(port, "/render?rows=" + TOO_MANY), "render");
                assertRejected(get(port, "/histogram?buckets=" + TOO_MANY), "histogram");
            }

            JsonNode stats = statsAfterSignal(app, statsFile);
            for (String operation : new String[] {"render", "histogram"}) {
                JsonNode counts = stats.path("operations").path(operation);
                assertThat(counts.path("admitted").asLong()).as(operation + ": " + counts).isEqualTo(ADMITTED_PER_ENDPOINT);
                assertThat(counts.path("rejected").path("ALLOCATION_TOO_LARGE").asLong()).as(operation + ": " + counts)
                        .isEqualTo(REJECTED_PER_ENDPOINT);
                assertThat(counts.path("inFlight").asLong()).isZero();
            }
            JsonNode target = stats.path("targets").path("histogram");
            assertThat(target.path("matchedMethods").asInt()).as("the service, not its proxy: " + target).isEqualTo(1);
            assertThat(target.path("methods").toString()).contains("ReportService#histogram(int)");
            assertThat(app.stderr()).doesNotContain("cannot weave").doesNotContain("invalid");
        }
    }

    private void assertRejected(HttpResponse<String> response, String operation) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("operation").asText()).isEqualTo(operation);
        assertThat(body.path("reason").asText()).isEqualTo("ALLOCATION_TOO_LARGE");
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static int awaitPort(ForkedJvm.Running app) {
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .alias("Spring Boot started (stdout: " + app.stdout() + "\nstderr: " + app.stderr() + ")")
                .until(() -> PORT.matcher(app.stdout()).find() || !app.process().isAlive());
        Matcher matcher = PORT.matcher(app.stdout());
        assertThat(matcher.find()).as("the application started:\n" + app.stdout() + "\n" + app.stderr()).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private JsonNode statsAfterSignal(ForkedJvm.Running app, Path statsFile) throws Exception {
        Process kill = new ProcessBuilder("kill", "-USR1", String.valueOf(app.pid())).redirectErrorStream(true).start();
        assertThat(kill.waitFor()).as("kill -USR1").isZero();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .alias("stats file " + statsFile + " (stderr: " + app.stderr() + ")")
                .until(() -> Files.isRegularFile(statsFile));
        return json.readTree(Files.readString(statsFile, StandardCharsets.UTF_8));
    }
}
