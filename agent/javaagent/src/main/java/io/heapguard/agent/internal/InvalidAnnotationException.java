package io.heapguard.agent.internal;

/** What is wrong with one {@code @MemoryAware}; found at transformation time, reported once. */
final class InvalidAnnotationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidAnnotationException(String message) {
        super(message, null, false, false);
    }
}
