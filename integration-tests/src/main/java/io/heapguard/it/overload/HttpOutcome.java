package io.heapguard.it.overload;

import java.nio.charset.StandardCharsets;

/**
 * What one request got back.
 *
 * @param status       HTTP status, or {@link #NO_STATUS} when the exchange failed before a status line
 * @param body         the body when kept (non-200 answers and small bodies), else empty
 * @param bodyBytes    body bytes received
 * @param complete     whether the whole body arrived (length or final chunk seen)
 * @param latencyNanos from connect to the last body byte (or the failure)
 * @param error        the I/O failure, or null
 */
public record HttpOutcome(int status, byte[] body, long bodyBytes, boolean complete, long latencyNanos,
                          String error) {

    public static final int NO_STATUS = -1;

    public static HttpOutcome failed(String error, long latencyNanos) {
        return new HttpOutcome(NO_STATUS, new byte[0], 0, false, latencyNanos, error);
    }

    /** A complete 200 answer. */
    public boolean succeeded() {
        return status == 200 && complete && error == null;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
