package io.heapguard.it.startup;

import io.heapguard.it.overload.DemoProcess;
import io.heapguard.it.overload.HttpOutcome;
import io.heapguard.it.overload.HttpRequestSpec;
import io.heapguard.it.overload.RawHttpClient;
import io.heapguard.it.overload.OverloadKind;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a real keyword search to a starting demo until one succeeds. "Ready" for a user is the
 * first search answered, not the listening line: the first query still loads the search path's
 * classes (and, with the agent, weaves and admits the first {@code @MemoryAware} call).
 */
final class FirstQuery {

    /** A common-word keyword search over the WordNet slice; it has hits in the 10k documents. */
    static final String PATH_AND_QUERY = "/search?mode=keyword&q=big+cat";
    /** Between failed attempts: short, so the time of the first success is known to about this much. */
    static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** A first search on a cold JVM on 2 busy cores can take seconds; more means something is wrong. */
    static final long GIVE_UP_SECONDS = 120;
    static final int READ_TIMEOUT_MILLIS = 60_000;

    private FirstQuery() {
    }

    /** Returns {@link System#nanoTime()} when the first complete 200 with hits arrived. */
    static long await(DemoProcess server) throws IOException {
        HttpRequestSpec request = HttpRequestSpec.get(OverloadKind.KEYWORD, PATH_AND_QUERY);
        RawHttpClient client = RawHttpClient.probe(server.port(), READ_TIMEOUT_MILLIS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS);
        HttpOutcome last = null;
        while (System.nanoTime() < deadline) {
            last = client.exchange(request);
            long now = System.nanoTime();
            if (last.succeeded()) {
                if (!last.bodyText().contains("\"hits\"")) {
                    throw new IOException("GET " + PATH_AND_QUERY + " answered 200 without hits: " + last.bodyText());
                }
                return now;
            }
            if (!server.isAlive()) {
                throw new IOException("the demo died before answering " + PATH_AND_QUERY + "\n" + server.describe());
            }
            LockSupport.parkNanos(RETRY_PAUSE_NANOS);
        }
        throw new IOException("no successful GET " + PATH_AND_QUERY + " within " + GIVE_UP_SECONDS + " s; last: status "
                + (last == null ? "-" : last.status() + " " + last.error() + " " + last.bodyText()) + "\n" + server.describe());
    }
}
