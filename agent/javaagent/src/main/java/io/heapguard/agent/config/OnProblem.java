package io.heapguard.agent.config;

import java.util.function.Supplier;

/**
 * What the source readers and the merge do with a problem they find: {@link #THROW} for the one
 * validating load, {@link #SKIP} for the second, lenient pass over the same sources that tells
 * whether {@code enabled=false} or {@code strict=true} was asked for although another value is broken.
 * Both passes go through the same readers and the same precedence, so the two cannot disagree.
 */
enum OnProblem {
    /** Stop at the first problem. */
    THROW,
    /** Leave out what is broken (an entry, a variable, a key, the whole config file) and read the rest. */
    SKIP;

    /**
     * Throws the problem when this is {@link #THROW}; otherwise returns and the caller drops the entry.
     * The problem is built only to be thrown: its message may search every known key for the closest
     * one, which the lenient pass would throw away for each broken entry.
     */
    void report(Supplier<SourcedConfigException> problem) {
        if (this == THROW) {
            throw problem.get();
        }
    }
}
