package io.heapguard.demo.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes large writes on in slices of at most {@link #SLICE_BYTES}.
 *
 * <p>Why: the JDK's HTTP server ({@code sun.net.httpserver.Request.WriteStream}) copies each write
 * into a connection buffer, first 4 KiB, which it replaces by one of twice the write's size when a
 * write does not fit, and keeps for the connection's life. A 1 MB response written at once would
 * allocate 2 MB more, inside the guarded call, and keep it on every keep-alive connection.
 */
final class SlicedWrites extends FilterOutputStream {

    /** The server's initial connection buffer: slices that fit never make it grow. */
    static final int SLICE_BYTES = 4 * 1024;

    SlicedWrites(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        for (int done = 0; done < length; done += SLICE_BYTES) {
            out.write(bytes, offset + done, Math.min(SLICE_BYTES, length - done));
        }
    }
}
