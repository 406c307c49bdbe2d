package io.heapguard.demo.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.heapguard.demo.search.GuardedSearch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The HTTP JSON API (docs/architecture.md) on the loopback interface, with a fixed thread pool. */
public final class DemoServer implements AutoCloseable {

    public static final int DEFAULT_THREADS = 64;
    /** Pending connections the kernel queues while every thread is busy. */
    private static final int BACKLOG_CONNECTIONS = 1_024;
    private static final int STOP_GRACE_SECONDS = 1;

    private final HttpServer server;
    private final ExecutorService pool;

    private DemoServer(HttpServer server, ExecutorService pool) {
        this.server = server;
        this.pool = pool;
    }

    /**
     * @param port          0 picks a free port
     * @param bulkheadCalls 0 for none, otherwise the most search/export requests running at once
     */
    public static DemoServer start(GuardedSearch search, int port, int threads, int bulkheadCalls) throws IOException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be 0 to 65535, was " + port);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, was " + threads);
        }
        if (bulkheadCalls < 0) {
            throw new IllegalArgumentException("--bulkhead must be >= 0 (0 = off), was " + bulkheadCalls);
        }
        Bulkhead bulkhead = bulkheadCalls == 0 ? null : Bulkhead.of("demo-search", BulkheadConfig.custom()
                .maxConcurrentCalls(bulkheadCalls)
                .maxWaitDuration(Duration.ZERO)
                .build());
        // without TCP_NODELAY a response's header and body packets meet Nagle and delayed ACKs:
        // ~40 ms added to every small response (the JDK server reads this once, when it starts)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                BACKLOG_CONNECTIONS);
        for (ApiHandler searching : List.<ApiHandler>of(new SearchHandlers.Search(search), new SearchHandlers.Batch(search),
                new SearchHandlers.Export(search))) {
            server.createContext(searching.path(), limited(bulkhead, searching));
        }
        for (ApiHandler info : List.<ApiHandler>of(new InfoHandlers.Health(search.engine()), new InfoHandlers.Stats())) {
            server.createContext(info.path(), info);
        }
        server.createContext("/", new InfoHandlers.NotFound());
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "http-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(pool);
        server.start();
        return new DemoServer(server, pool);
    }

    private static HttpHandler limited(Bulkhead bulkhead, HttpHandler handler) {
        return bulkhead == null ? handler : new BulkheadHandler(bulkhead, handler);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.stop(STOP_GRACE_SECONDS);
        pool.shutdownNow();
        try {
            pool.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
