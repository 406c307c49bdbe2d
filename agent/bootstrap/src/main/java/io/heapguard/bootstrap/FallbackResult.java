package io.heapguard.bootstrap;

/**
 * The value a fallback method returned in place of a rejected call. A holder, so that a fallback
 * returning {@code null} (or {@code void}) still tells the woven code to skip the original body.
 */
public final class FallbackResult {

    private final Object value;

    public FallbackResult(Object value) {
        this.value = value;
    }

    public Object value() {
        return value;
    }
}
