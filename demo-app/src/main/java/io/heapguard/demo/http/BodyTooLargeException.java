package io.heapguard.demo.http;

import io.heapguard.demo.search.RequestLimits;

/** A request body over {@link RequestLimits#MAX_BODY_BYTES}: answered 413, and the connection closed. */
final class BodyTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BodyTooLargeException(String message) {
        super(message, null, false, false);
    }
}
