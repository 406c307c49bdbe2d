package io.heapguard.agent.config;

/**
 * One configuration value and where it came from.
 *
 * @param key    the key without the {@code heapguard.} prefix, e.g. {@code operations.search.maxInFlight}
 * @param value  the value as given (text)
 * @param source which kind of source set it
 * @param origin the exact place, for messages: {@code system property heapguard.maxHeap},
 *               {@code environment variable HEAPGUARD_MAXHEAP}, {@code default} ...
 */
public record Setting(String key, String value, Source source, String origin) {

    /** Kinds of sources, highest precedence first. */
    public enum Source {
        AGENT_ARGUMENT, SYSTEM_PROPERTY, ENVIRONMENT, CONFIG_FILE, DEFAULT
    }

    static Setting byDefault(String key, String value) {
        return new Setting(key, value, Source.DEFAULT, "default");
    }
}
