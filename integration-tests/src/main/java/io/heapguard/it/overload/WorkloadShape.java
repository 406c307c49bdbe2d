package io.heapguard.it.overload;

/**
 * How clients consume responses.
 *
 * <p>{@link #CPU_BOUND}: clients read each response at once, so the server's cost is CPU and the
 * memory of the queries it computes. {@link #SLOW_READERS}: clients open sockets with a small
 * receive buffer and read at a paced rate, as phones on real networks do; the server's writes
 * block and each in-flight request holds its response on the heap, so concurrency — not CPU —
 * fills the heap.
 *
 * @param receiveBufferBytes socket receive buffer to ask for before connecting (0: OS default)
 * @param readBytesPerSecond paced reading rate per client (0: as fast as possible)
 */
public record WorkloadShape(String name, int receiveBufferBytes, long readBytesPerSecond) {

    /** Small enough that the TCP window stays tiny and a large response cannot sit in kernel buffers. */
    public static final int SLOW_RECEIVE_BUFFER_BYTES = 4 * 1024;
    /** Roughly a congested mobile link. */
    public static final long SLOW_READ_BYTES_PER_SECOND = 256 * 1024;

    public static final WorkloadShape CPU_BOUND = new WorkloadShape("cpu-bound", 0, 0);
    public static final WorkloadShape SLOW_READERS =
            new WorkloadShape("slow-readers", SLOW_RECEIVE_BUFFER_BYTES, SLOW_READ_BYTES_PER_SECOND);

    public WorkloadShape {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("workload shape needs a name, was '" + name + "'");
        }
        if (receiveBufferBytes < 0 || readBytesPerSecond < 0) {
            throw new IllegalArgumentException("receiveBufferBytes and readBytesPerSecond must be >= 0, were "
                    + receiveBufferBytes + " and " + readBytesPerSecond);
        }
    }

    public boolean paced() {
        return readBytesPerSecond > 0;
    }
}
