package io.heapguard.it.overload;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison harness checked against a local JDK HTTP server, so a wrong number in the
 * comparison cannot come from the client or the report: lengths and chunking, 429 reasons, slow
 * readers that really hold the server's write, and the chart and table files.
 */
class HarnessSelfCheckIT {

    private static final int BIG_BODY_BYTES = 8 * 1024 * 1024;
    private static final byte[] SMALL_JSON = "{\"hits\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);
    /** What kernel socket buffers may absorb on loopback (send buffer ~2 MiB here, plus receive queue). */
    private static final long KERNEL_BUFFERING_BOUND_BYTES = 4L * 1024 * 1024;

    private HttpServer server;
    private ExecutorService executor;
    private final AtomicLong slowBodyClientBytes = new AtomicLong(-1);
    private final CompletableFuture<Long> clientBytesWhenServerWriteReturned = new CompletableFuture<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/fixed", ex -> respond(ex, 200, SMALL_JSON, false));
        server.createContext("/chunked", ex -> respond(ex, 200, new byte[300_000], true));
        server.createContext("/reject", ex -> respond(ex, 429,
                "{\"error\":\"rejected\",\"reason\":\"INSUFFICIENT_MEMORY\",\"operation\":\"search\"}".getBytes(StandardCharsets.UTF_8), false));
        server.createContext("/bad", ex -> respond(ex, 400, "{\"error\":\"bad_request\",\"field\":\"k\"}".getBytes(StandardCharsets.UTF_8), false));
        server.createContext("/big", ex -> {
            ex.sendResponseHeaders(200, BIG_BODY_BYTES);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(new byte[BIG_BODY_BYTES]);
                clientBytesWhenServerWriteReturned.complete(slowBodyClientBytes.get());
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void respond(HttpExchange ex, int status, byte[] body, boolean chunked) throws IOException {
        ex.sendResponseHeaders(status, chunked ? 0 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private RawHttpClient fastClient() {
        return new RawHttpClient("127.0.0.1", server.getAddress().getPort(), WorkloadShape.CPU_BOUND, 10_000, false);
    }

    @Test
    void exchange_contentLengthAndChunkedBodies_readCompletely() {
        HttpOutcome fixed = fastClient().exchange(HttpRequestSpec.get(OverloadKind.KEYWORD, "/fixed"));
        HttpOutcome chunked = fastClient().exchange(HttpRequestSpec.get(OverloadKind.EXPORT, "/chunked"));

        assertThat(fixed.succeeded()).as(fixed.toString()).isTrue();
        assertThat(fixed.bodyBytes()).isEqualTo(SMALL_JSON.length);
        assertThat(chunked.succeeded()).as(chunked.toString()).isTrue();
        assertThat(chunked.bodyBytes()).isEqualTo(300_000);
        assertThat(chunked.body()).as("load clients do not keep 200 bodies").isEmpty();
    }

    @Test
    void tally_rejectionsAndBadRequests_countedByReason() {
        KindTally tally = new KindTally();
        RawHttpClient client = fastClient();
        for (String path : List.of("/reject", "/reject", "/bad", "/fixed")) {
            tally.recordSent();
            tally.record(client.exchange(HttpRequestSpec.get(OverloadKind.DEEP_PAGE, path)));
        }

        KindCounts counts = tally.snapshot(OverloadKind.DEEP_PAGE);
        assertThat(counts.rejectedByReason()).isEqualTo(Map.of("INSUFFICIENT_MEMORY", 2L));
        assertThat(counts.badRequest()).isEqualTo(1);
        assertThat(counts.ok()).isEqualTo(1);
        assertThat(counts.answered()).isEqualTo(counts.sent());
        assertThat(counts.okLatencyMicros().getTotalCount()).isEqualTo(1);
    }

    @Test
    void exchange_serverGone_isAnIoErrorNotAnException() {
        int port = server.getAddress().getPort();
        server.stop(0);
        HttpOutcome outcome = new RawHttpClient("127.0.0.1", port, WorkloadShape.CPU_BOUND, 2_000, false)
                .exchange(HttpRequestSpec.get(OverloadKind.KEYWORD, "/fixed"));

        assertThat(outcome.status()).isEqualTo(HttpOutcome.NO_STATUS);
        assertThat(outcome.error()).isNotBlank();
    }

    @Test
    void slowReader_largeAnswer_keepsTheServersWriteBlockedUntilMostIsRead() throws Exception {
        // a slow reader fast enough for the test, still far slower than loopback
        WorkloadShape slow = new WorkloadShape("test-slow", WorkloadShape.SLOW_RECEIVE_BUFFER_BYTES, 16L * 1024 * 1024);
        CountingClient client = new CountingClient(server.getAddress().getPort(), slow);

        HttpOutcome outcome = client.exchange(HttpRequestSpec.get(OverloadKind.EXPORT, "/big"));

        assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
        long clientBytesAtWriteEnd = clientBytesWhenServerWriteReturned.get(30, TimeUnit.SECONDS);
        assertThat(clientBytesAtWriteEnd)
                .as("the server's write returned only once the slow client had read all but the kernel's buffers")
                .isGreaterThanOrEqualTo(BIG_BODY_BYTES - KERNEL_BUFFERING_BOUND_BYTES);
    }

    /** Publishes how many bytes the slow client has read, so the server handler can look. */
    private final class CountingClient {
        private final int port;
        private final WorkloadShape shape;

        CountingClient(int port, WorkloadShape shape) {
            this.port = port;
            this.shape = shape;
        }

        HttpOutcome exchange(HttpRequestSpec request) throws IOException {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.setReceiveBufferSize(shape.receiveBufferBytes());
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(request.toWire("127.0.0.1:" + port));
                PacedInputStream in = new PacedInputStream(socket.getInputStream(), shape.readBytesPerSecond());
                byte[] buffer = new byte[8192];
                long total = 0;
                slowBodyClientBytes.set(0);
                for (int n = in.read(buffer, 0, buffer.length); n > 0; n = in.read(buffer, 0, buffer.length)) {
                    total += n;
                    slowBodyClientBytes.set(total);
                }
                // headers are a few hundred bytes: the body is complete when total covers it
                return new HttpOutcome(200, new byte[0], total, total >= BIG_BODY_BYTES, 0, null);
            }
        }
    }

    @Test
    void chartAndTable_fromRuns_writeAPngAndAMarkdownRow(@TempDir Path dir) throws IOException {
        RunResult none = syntheticRun(Protection.none(), true, List.of(
                new HeapSample(0, 60L << 20, 90L << 20), new HeapSample(1_000, 200L << 20, 250L << 20)));
        RunResult guarded = syntheticRun(Protection.heapguard(), false, List.of(
                new HeapSample(0, 60L << 20, 90L << 20), new HeapSample(1_000, 150L << 20, 200L << 20)));
        ComparisonReport report = new ComparisonReport(List.of(none, guarded));
        Path png = dir.resolve("chart.png");

        HeapChart.write(png, report.byShape(), 256L << 20);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isPositive();
        assertThat(report.markdown()).contains("| none | YES at 1.0 s |").contains("| heapguard | no |")
                .contains("Unguarded: died of OutOfMemoryError");
    }

    @Test
    void gcLog_pauseLines_parsedAsHeapAfterGcFromTheLoadOrigin(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("gc.log");
        java.nio.file.Files.writeString(log, String.join("\n",
                "[0.067s] Using G1",
                "[1.887s] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 14M->4M(256M) 60.644ms",
                "[12.723s] GC(5) Concurrent Mark Cycle",
                "[12.935s] GC(5) Pause Remark 14M->13M(54M) 3.522ms",
                "[13.500s] GC(9) Pause Full (G1 Compaction Pause) 1G->2048K(256M) 80.1ms"));

        List<HeapSample> samples = GcLog.heapAfterPauses(log, 1_000);

        assertThat(samples).containsExactly(
                new HeapSample(887, 4L << 20, 14L << 20),
                new HeapSample(11_935, 13L << 20, 14L << 20),
                new HeapSample(12_500, 2L << 20, 1L << 30));
    }

    private static RunResult syntheticRun(Protection protection, boolean oom, List<HeapSample> samples) {
        Path nowhere = Path.of("unused");
        ServerSettings settings = new ServerSettings(nowhere, nowhere, nowhere, 256, 4, nowhere, 10, nowhere);
        RunSpec spec = new RunSpec("synthetic-" + protection.label(), protection, WorkloadShape.CPU_BOUND,
                RequestMix.standard(), new LoadPlan(1, 1, 1, 1, 2_000, 0, 1), settings);
        LoadResult load = new LoadResult(Map.of(), 2_000, 2_000, oom ? 1_000 : -1, 1, List.of());
        return new RunResult(spec, load, oom, oom ? 1_000 : -1, oom, oom ? DemoProcess.EXIT_CODE_ON_OUT_OF_MEMORY : -1,
                List.of(), samples,
                256L << 20, oom ? -1 : 230L << 20, MissingNode.getInstance(), 1_000, 0);
    }
}
