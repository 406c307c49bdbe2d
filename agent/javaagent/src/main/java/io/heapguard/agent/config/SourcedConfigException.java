package io.heapguard.agent.config;

import io.heapguard.core.ConfigException;

/**
 * A {@link ConfigException} whose message also says where the bad value came from, e.g.
 * {@code invalid value '10x' for 'maxHeap' (from system property heapguard.maxHeap):
 * expected a size (512m, 2g) or a percentage of the max heap (70%)}.
 */
final class SourcedConfigException extends ConfigException {

    private static final long serialVersionUID = 1L;

    private final String origin;
    private final String message;

    private SourcedConfigException(String key, String value, String allowed, String origin, String message) {
        super(key, value, allowed);
        this.origin = origin;
        this.message = message;
    }

    /** An invalid value: names key, value, origin and what is allowed. */
    static SourcedConfigException invalidValue(String key, String value, String allowed, String origin) {
        return new SourcedConfigException(key, value, allowed, origin,
                "invalid value '" + value + "' for '" + key + "' (from " + origin + "): " + allowed);
    }

    /** A key heapguard does not know. */
    static SourcedConfigException unknownKey(String key, String value, String hint, String origin) {
        return new SourcedConfigException(key, value, hint, origin,
                "unknown key '" + key + "' (from " + origin + "): " + hint);
    }

    /** The source itself is unusable (unreadable file, malformed agent arguments). */
    static SourcedConfigException badSource(String key, String value, String problem, String origin) {
        return new SourcedConfigException(key, value, problem, origin,
                problem + " (from " + origin + ")");
    }

    /** Where the value came from, e.g. {@code environment variable HEAPGUARD_MAXHEAP}. */
    String origin() {
        return origin;
    }

    @Override
    public String getMessage() {
        return message;
    }
}
