package io.heapguard.demo.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.resilience4j.bulkhead.Bulkhead;

import java.io.IOException;

/**
 * Resilience4j's answer to overload, for comparison: at most N requests run at once, the rest are
 * turned away at once (429 {@code BULKHEAD_FULL}), whatever they would cost.
 */
final class BulkheadHandler implements HttpHandler {

    private final Bulkhead bulkhead;
    private final HttpHandler delegate;

    BulkheadHandler(Bulkhead bulkhead, HttpHandler delegate) {
        this.bulkhead = bulkhead;
        this.delegate = delegate;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!bulkhead.tryAcquirePermission()) {
            try {
                new Responder(exchange).send(429, JsonBodies.bulkheadFull());
            } finally {
                exchange.close();
            }
            return;
        }
        try {
            delegate.handle(exchange);
        } finally {
            bulkhead.onComplete();
        }
    }
}
