package io.heapguard.core;

/**
 * An invalid configuration value. The message names the key, the value and what is allowed, for
 * example {@code invalid value 'lots' for 'maxHeap': expected a size (512m, 2g) or a percentage of the
 * max heap (70%)}; it carries no log prefix (whoever prints it adds {@code [heapguard] }).
 */
public class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final String value;
    private final String allowed;

    public ConfigException(String key, String value, String allowed) {
        super("invalid value '" + value + "' for '" + key + "': " + allowed);
        this.key = key;
        this.value = value;
        this.allowed = allowed;
    }

    /** The key without the {@code heapguard.} prefix, or two keys joined by " and " when they conflict. */
    public String key() {
        return key;
    }

    /** The value as given. */
    public String value() {
        return value;
    }

    /** What the key accepts. */
    public String allowed() {
        return allowed;
    }
}
