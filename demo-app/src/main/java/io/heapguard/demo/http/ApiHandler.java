package io.heapguard.demo.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.heapguard.MemoryGuardException;
import io.heapguard.demo.search.BadRequestException;
import io.heapguard.demo.search.VectorsNotReadyException;

import java.io.IOException;
import java.util.Locale;

/**
 * Common frame of every endpoint: method and path check, and the mapping of failures to JSON
 * answers (400 bad input, 413 body too large, 429 rejected, 503 vectors not built yet, 500 otherwise) with no stack trace ever. Errors
 * ({@link OutOfMemoryError} included) are deliberately not caught: an unguarded service must be
 * able to die of them (run it with {@code -XX:+ExitOnOutOfMemoryError}).
 */
abstract class ApiHandler implements HttpHandler {

    private final String path;
    private final String method;

    ApiHandler(String path, String method) {
        this.path = path;
        this.method = method;
    }

    /** The path this handler serves (an {@link Endpoints} constant). */
    final String path() {
        return path;
    }

    /** Serves a request whose path and method are right. */
    abstract void serve(HttpExchange exchange, Responder responder) throws IOException;

    @Override
    public final void handle(HttpExchange exchange) throws IOException {
        Responder responder = new Responder(exchange);
        try {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                responder.send(404, JsonBodies.error("not_found", Endpoints.notFound(exchange.getRequestURI().getPath())));
            } else if (!exchange.getRequestMethod().toUpperCase(Locale.ROOT).equals(method)) {
                exchange.getResponseHeaders().set("Allow", method);
                responder.send(405, JsonBodies.error("method_not_allowed", path + " takes " + method + " only"));
            } else {
                serve(exchange, responder);
            }
        } catch (BadRequestException e) {
            answer(responder, 400, () -> JsonBodies.badRequest(e));
        } catch (BodyTooLargeException e) {
            // what was not read of the body is not worth reading: this connection ends with the answer
            exchange.getResponseHeaders().set("Connection", "close");
            answer(responder, 413, () -> JsonBodies.tooLarge(e));
        } catch (MemoryGuardException e) {
            answer(responder, 429, () -> JsonBodies.rejected(e));
        } catch (VectorsNotReadyException e) {
            long retryAfter = e.readiness().retryAfterSeconds();
            if (retryAfter > 0) {
                exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfter));
            }
            answer(responder, 503, () -> JsonBodies.vectorsNotReady(e));
        } catch (IOException e) {
            // mostly a client that went away mid-response; nothing to answer then
            answer(responder, 500, () -> JsonBodies.error("internal", "I/O error: " + e.getMessage()));
        } catch (RuntimeException e) {
            System.err.println("heapguard-demo: " + path + " failed: " + e);
            answer(responder, 500, () -> JsonBodies.error("internal", e.getClass().getSimpleName()));
        } finally {
            exchange.close();
        }
    }

    private interface Body {
        java.io.ByteArrayOutputStream get();
    }

    private static void answer(Responder responder, int status, Body body) {
        if (responder.committed()) {
            return; // the status line is out: closing the exchange is all that is left
        }
        try {
            responder.send(status, body.get());
        } catch (IOException ignored) {
            // the client is gone
        }
    }
}
