package io.heapguard.it.overload;

import java.util.Objects;

/**
 * What stands between the load and the heap in one run: nothing, the demo's Resilience4j bulkhead
 * ({@code serve --bulkhead N}), or the heapguard agent with the given options.
 *
 * @param kind          which protection
 * @param bulkheadLimit the bulkhead's maximum concurrent calls (only for {@link Kind#BULKHEAD})
 * @param agentOptions  {@code k=v,k=v} agent options (only for {@link Kind#HEAPGUARD}; empty for defaults)
 */
public record Protection(Kind kind, int bulkheadLimit, String agentOptions) {

    /** The three protections the comparison puts side by side. */
    public enum Kind { NONE, BULKHEAD, HEAPGUARD }

    public Protection {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(agentOptions, "agentOptions");
        if (kind == Kind.BULKHEAD && bulkheadLimit < 1) {
            throw new IllegalArgumentException("bulkhead limit must be >= 1, was " + bulkheadLimit);
        }
    }

    public static Protection none() {
        return new Protection(Kind.NONE, 0, "");
    }

    public static Protection bulkhead(int maxConcurrentCalls) {
        return new Protection(Kind.BULKHEAD, maxConcurrentCalls, "");
    }

    /** heapguard with its defaults. */
    public static Protection heapguard() {
        return heapguard("");
    }

    /** heapguard with agent options such as {@code operations.search.maxConcurrent=2}. */
    public static Protection heapguard(String agentOptions) {
        return new Protection(Kind.HEAPGUARD, 0, agentOptions);
    }

    /** Short name for tables, charts and file names, e.g. {@code bulkhead-8}. */
    public String label() {
        return switch (kind) {
            case NONE -> "none";
            case BULKHEAD -> "bulkhead-" + bulkheadLimit;
            case HEAPGUARD -> agentOptions.isEmpty() ? "heapguard" : "heapguard*";
        };
    }
}
