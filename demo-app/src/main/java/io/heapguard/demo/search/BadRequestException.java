package io.heapguard.demo.search;

/**
 * Input the service refuses, naming the field and what is allowed. Becomes HTTP 400 or a one-line
 * CLI error; carries no stack trace because it is not a fault.
 */
public final class BadRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public BadRequestException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The request field (query parameter or JSON field) that is wrong. */
    public String field() {
        return field;
    }
}
