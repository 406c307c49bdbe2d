package io.heapguard;

/**
 * Memory admitted for one piece of work. Close it when the work is done (try-with-resources);
 * closing twice releases once.
 */
public interface Reservation extends AutoCloseable {

    /** The operation the bytes were reserved for. */
    String operation();

    /** The bytes reserved. */
    long bytes();

    /** Returns the bytes to the budget. Idempotent; never throws. */
    @Override
    void close();
}
