package io.heapguard.it.overload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads no faster than a fixed rate, in small pieces, like a client on a slow network. Pacing is
 * the workload here (it keeps the server's writes blocked), not a wait for some state.
 */
final class PacedInputStream extends FilterInputStream {

    /** Small reads keep the TCP window nearly closed between them. */
    static final int READ_PIECE_BYTES = 2 * 1024;

    private final long bytesPerSecond;
    private final long startNanos = System.nanoTime();
    private long bytesRead;

    PacedInputStream(InputStream in, long bytesPerSecond) {
        super(in);
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("bytesPerSecond must be > 0, was " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, Math.min(len, READ_PIECE_BYTES));
        if (n > 0) {
            bytesRead += n;
            long dueNanos = startNanos + TimeUnit.SECONDS.toNanos(bytesRead) / bytesPerSecond;
            long aheadNanos = dueNanos - System.nanoTime();
            if (aheadNanos > 0) {
                LockSupport.parkNanos(aheadNanos);
            }
        }
        return n;
    }
}
