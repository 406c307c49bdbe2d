package io.heapguard.demo.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Closed-loop load: {@code clients} threads each send the next request as soon as the last one is
 * answered, for {@code duration}. A progress line on stderr shows requests, admitted (200),
 * rejected (429), errors (anything else, including refused connections) and the server's heap.
 */
public final class LoadGenerator {

    private static final long PROGRESS_INTERVAL_MILLIS = 1_000;
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);
    private static final long MIB = 1024 * 1024;

    private final String baseUrl;
    private final int clients;
    private final Duration duration;
    private final LoadMix mix;
    private final PrintStream progress;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final LoadStats stats = new LoadStats();
    private volatile String lastHeap = "heap ?";

    public LoadGenerator(String baseUrl, int clients, Duration duration, LoadMix mix, PrintStream progress) {
        if (clients < 1) {
            throw new IllegalArgumentException("--clients must be >= 1, was " + clients);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive, was " + duration);
        }
        URI uri = URI.create(baseUrl);
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--url must be http://host:port, was '" + baseUrl + "'");
        }
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.clients = clients;
        this.duration = duration;
        this.mix = mix;
        this.progress = progress;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public LoadStats run() throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Long> seeds = new ArrayList<>();
        SplittableRandom seeder = new SplittableRandom();
        for (int i = 0; i < clients; i++) {
            seeds.add(seeder.nextLong());
        }
        for (long seed : seeds) {
            pool.execute(() -> clientLoop(new SplittableRandom(seed), deadline));
        }
        pool.shutdown();
        while (!pool.awaitTermination(PROGRESS_INTERVAL_MILLIS, TimeUnit.MILLISECONDS)) {
            pollHeap();
            printProgress(start);
        }
        printProgress(start);
        progress.println();
        return stats;
    }

    private void clientLoop(SplittableRandom random, long deadline) {
        while (System.nanoTime() < deadline) {
            RequestKind kind = mix.next(random);
            HttpRequest request = kind.request(baseUrl, random);
            long sent = System.nanoTime();
            LoadStats.Outcome outcome;
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    body.transferTo(java.io.OutputStream.nullOutputStream());
                }
                outcome = switch (response.statusCode()) {
                    case 200 -> LoadStats.Outcome.ADMITTED;
                    case 429 -> LoadStats.Outcome.REJECTED;
                    default -> LoadStats.Outcome.ERROR;
                };
            } catch (IOException e) {
                outcome = LoadStats.Outcome.ERROR;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            stats.record(kind, outcome, System.nanoTime() - sent);
        }
    }

    private void pollHeap() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/health")).timeout(HEALTH_TIMEOUT).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode health = json.readTree(response.body());
            lastHeap = String.format(Locale.ROOT, "heap %d/%d MiB live %d MiB", health.path("heapUsed").asLong() / MIB,
                    health.path("heapMax").asLong() / MIB, health.path("liveHeapAfterGc").asLong() / MIB);
        } catch (IOException e) {
            lastHeap = "heap ? (server not answering)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void printProgress(long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.print(String.format(Locale.ROOT, "\r%5.0fs requests %d admitted %d rejected %d errors %d (%.1f/s) %s   ",
                seconds, stats.requests(), stats.admitted(), stats.rejected(), stats.errors(),
                stats.requests() / Math.max(seconds, 1e-3), lastHeap));
        progress.flush();
    }

    /** A per-kind table: counts and latency percentiles. */
    public static void printSummary(LoadStats stats, PrintStream out) {
        out.printf(Locale.ROOT, "total: requests %d, admitted %d, rejected %d, errors %d%n", stats.requests(),
                stats.admitted(), stats.rejected(), stats.errors());
        out.printf(Locale.ROOT, "%-8s %9s %9s %9s %9s %10s %10s%n", "kind", "requests", "admitted", "rejected",
                "errors", "p50 ms", "p99 ms");
        for (RequestKind kind : RequestKind.values()) {
            LoadStats.KindStats k = stats.kind(kind);
            if (k.requests() == 0) {
                continue;
            }
            out.printf(Locale.ROOT, "%-8s %9d %9d %9d %9d %10.1f %10.1f%n", kind.cliName(), k.requests(),
                    k.count(LoadStats.Outcome.ADMITTED), k.count(LoadStats.Outcome.REJECTED),
                    k.count(LoadStats.Outcome.ERROR), k.latencyMillis(0.50), k.latencyMillis(0.99));
        }
    }
}
