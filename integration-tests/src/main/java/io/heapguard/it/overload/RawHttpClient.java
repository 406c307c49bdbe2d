package io.heapguard.it.overload;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A minimal HTTP/1.1 client on raw sockets, one request per connection. Raw sockets let the slow
 * readers set a small receive buffer before connecting and pace their reads, which no HTTP client
 * library exposes. It understands Content-Length, chunked bodies and read-to-close.
 */
public final class RawHttpClient {

    public static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** Bodies of non-200 load answers up to this size are kept (429 and 400 bodies are tiny). */
    static final int KEPT_BODY_MAX_BYTES = 64 * 1024;
    private static final int SCRATCH_BYTES = 16 * 1024;
    private static final int MAX_HEADER_LINE_BYTES = 16 * 1024;

    private final String host;
    private final int port;
    private final WorkloadShape shape;
    private final int readTimeoutMillis;
    private final boolean keepOkBodies;
    /** The socket in use, so a stuck exchange can be aborted from another thread. */
    private final AtomicReference<Socket> current = new AtomicReference<>();

    /**
     * @param keepOkBodies keep 200 bodies too (probes of /health and /stats); load clients only
     *                     count them, so the harness itself stays small
     */
    public RawHttpClient(String host, int port, WorkloadShape shape, int readTimeoutMillis, boolean keepOkBodies) {
        this.host = host;
        this.port = port;
        this.shape = shape;
        this.readTimeoutMillis = readTimeoutMillis;
        this.keepOkBodies = keepOkBodies;
    }

    /** A client for small control requests (/health, /stats) that keeps the answers. */
    public static RawHttpClient probe(int port, int readTimeoutMillis) {
        return new RawHttpClient("127.0.0.1", port, WorkloadShape.CPU_BOUND, readTimeoutMillis, true);
    }

    /** Sends the request and reads the whole answer; never throws for I/O, returns a failed outcome. */
    public HttpOutcome exchange(HttpRequestSpec request) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            current.set(socket);
            if (shape.receiveBufferBytes() > 0) {
                // before connect: the window scale is negotiated in the handshake
                socket.setReceiveBufferSize(shape.receiveBufferBytes());
            }
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(readTimeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(request.toWire(host + ":" + port));
            out.flush();
            InputStream raw = shape.paced() ? new PacedInputStream(socket.getInputStream(), shape.readBytesPerSecond())
                    : socket.getInputStream();
            return readResponse(new BufferedInputStream(raw, SCRATCH_BYTES), start, keepOkBodies);
        } catch (IOException e) {
            return HttpOutcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage(), System.nanoTime() - start);
        } finally {
            current.set(null);
        }
    }

    /** Closes the socket of an exchange in progress (it then fails with an I/O error). */
    public void abort() {
        Socket socket = current.get();
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is best effort: the exchange fails either way
            }
        }
    }

    private static HttpOutcome readResponse(InputStream in, long start, boolean keepOkBody) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null) {
            throw new EOFException("connection closed before the status line");
        }
        int status = parseStatus(statusLine);
        long contentLength = -1;
        boolean chunked = false;
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        BodySink sink = new BodySink(status != 200 || keepOkBody, keepOkBody ? Integer.MAX_VALUE : KEPT_BODY_MAX_BYTES);
        boolean complete;
        try {
            complete = chunked ? readChunked(in, sink) : readBody(in, sink, contentLength);
        } catch (IOException e) {
            return new HttpOutcome(status, sink.kept(), sink.total, false, System.nanoTime() - start,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new HttpOutcome(status, sink.kept(), sink.total, complete, System.nanoTime() - start, null);
    }

    private static boolean readBody(InputStream in, BodySink sink, long contentLength) throws IOException {
        byte[] scratch = new byte[SCRATCH_BYTES];
        long remaining = contentLength < 0 ? Long.MAX_VALUE : contentLength;
        while (remaining > 0) {
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, remaining));
            if (n < 0) {
                // read-to-close bodies end here; a short Content-Length body is incomplete
                return contentLength < 0;
            }
            sink.accept(scratch, n);
            remaining -= n;
        }
        return true;
    }

    private static boolean readChunked(InputStream in, BodySink sink) throws IOException {
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                return false;
            }
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size line '" + sizeLine + "'", e);
            }
            if (size == 0) {
                for (String trailer = readLine(in); trailer != null && !trailer.isEmpty(); trailer = readLine(in)) {
                    // trailers carry nothing we need
                }
                return true;
            }
            if (!readBody(in, sink, size)) {
                return false;
            }
            readLine(in); // CRLF after the chunk
        }
    }

    private static int parseStatus(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: '" + statusLine + "'");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad status code in '" + statusLine + "'", e);
        }
    }

    /** One CRLF- or LF-terminated ISO-8859-1 line without its terminator; null at end of stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                if (line.size() >= MAX_HEADER_LINE_BYTES) {
                    throw new IOException("header line longer than " + MAX_HEADER_LINE_BYTES + " bytes");
                }
                line.write(b);
            }
        }
        return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Counts body bytes; keeps them only when asked and small. */
    private static final class BodySink {
        private final ByteArrayOutputStream kept;
        private final int maxKeptBytes;
        private long total;

        BodySink(boolean keep, int maxKeptBytes) {
            this.kept = keep ? new ByteArrayOutputStream() : null;
            this.maxKeptBytes = maxKeptBytes;
        }

        void accept(byte[] bytes, int n) {
            total += n;
            if (kept != null && (long) kept.size() + n <= maxKeptBytes) {
                kept.write(bytes, 0, n);
            }
        }

        byte[] kept() {
            return kept == null ? new byte[0] : kept.toByteArray();
        }
    }
}
