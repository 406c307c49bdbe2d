package io.heapguard.demo.http;

import com.sun.net.httpserver.HttpExchange;
import io.heapguard.demo.search.BadRequestException;
import io.heapguard.demo.search.RequestLimits;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body of at most {@link RequestLimits#MAX_BODY_BYTES}. A larger one is refused
 * with {@link BodyTooLargeException}, but only after the rest of it has been read and discarded (up
 * to {@link #MAX_DISCARDED_BYTES}): a client that sends its whole body before reading the answer
 * (Python's urllib does) would otherwise get a connection reset instead of the 413, since closing a
 * socket with unread input resets it.
 */
final class RequestBody {

    /** The most an oversized body is read to be discarded; past it the connection is just closed. */
    static final long MAX_DISCARDED_BYTES = 64L * 1024 * 1024;
    private static final int DISCARD_BUFFER_BYTES = 64 * 1024;

    private RequestBody() {
    }

    static byte[] read(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        try (InputStream in = exchange.getRequestBody()) {
            if (declared != null) {
                long length = parseLength(declared);
                if (length > RequestLimits.MAX_BODY_BYTES) {
                    discard(in, Math.min(length, MAX_DISCARDED_BYTES));
                    throw tooLarge(length + " bytes");
                }
            }
            byte[] body = in.readNBytes(RequestLimits.MAX_BODY_BYTES + 1);
            if (body.length > RequestLimits.MAX_BODY_BYTES) {
                long rest = discard(in, MAX_DISCARDED_BYTES);
                throw tooLarge((body.length + rest) + (rest == MAX_DISCARDED_BYTES ? " or more" : "") + " bytes");
            }
            return body;
        }
    }

    private static long parseLength(String declared) {
        try {
            return Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException("body", "Content-Length is not a number: " + declared);
        }
    }

    /** Reads and drops up to {@code limit} bytes; returns how many there were. */
    private static long discard(InputStream in, long limit) throws IOException {
        byte[] buffer = new byte[DISCARD_BUFFER_BYTES];
        long discarded = 0;
        int read;
        while (discarded < limit && (read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - discarded))) > 0) {
            discarded += read;
        }
        return discarded;
    }

    private static BodyTooLargeException tooLarge(String size) {
        return new BodyTooLargeException("body of " + size + "; at most " + RequestLimits.MAX_BODY_BYTES + " allowed");
    }
}
