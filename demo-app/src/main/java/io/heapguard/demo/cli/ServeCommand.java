package io.heapguard.demo.cli;

import io.heapguard.demo.DemoServices;
import io.heapguard.demo.embed.QueryEmbeddingCache;
import io.heapguard.demo.http.DemoServer;
import io.heapguard.demo.index.BuildProgress;
import io.heapguard.demo.index.IndexStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the HTTP API until the process is stopped. Without a complete cached index it listens as
 * soon as a keyword index is committed and builds the vectors in the background (/health says how
 * far; vector modes answer 503 until then), switching to the complete index without a restart.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the HTTP JSON API on 127.0.0.1; prints 'listening on http://127.0.0.1:<port>' when ready.",
                "Without a cached index, keyword and fuzzy search are served at once while the vectors are built;"
                        + " vector, exact and hybrid answer 503 (with Retry-After) until then, and /health shows the progress."})
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    IndexOptions options;

    @Option(names = "--port", defaultValue = "8080", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--threads", defaultValue = "" + DemoServer.DEFAULT_THREADS,
            description = "HTTP worker threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--bulkhead", defaultValue = "0", paramLabel = "N",
            description = "Wrap search/export in a Resilience4j bulkhead of N concurrent calls, no wait (0 = off).")
    int bulkhead;

    @Option(names = "--result-cache-mb", defaultValue = "16", description = "Result cache bound in MiB (default: ${DEFAULT-VALUE}).")
    int resultCacheMb;

    @Option(names = "--embedding-cache-entries", defaultValue = "" + QueryEmbeddingCache.DEFAULT_MAX_ENTRIES,
            description = "Query embedding cache bound (default: ${DEFAULT-VALUE}).")
    int embeddingCacheEntries;

    @Override
    public Integer call() throws Exception {
        if (resultCacheMb < 0) {
            throw new IllegalArgumentException("--result-cache-mb must be >= 0, was " + resultCacheMb);
        }
        DemoServices services = DemoServices.openForServing(embedder -> new IndexStore(embedder, System.err),
                options.dir(), options.corpus(), options.slice(), BuildProgress.NONE,
                embeddingCacheEntries, resultCacheMb * 1024L * 1024L);
        DemoServer server = DemoServer.start(services.search(), port, threads, bulkhead);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            try {
                services.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
            stopped.countDown();
        }, "shutdown"));
        System.out.println("listening on " + server.url());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
