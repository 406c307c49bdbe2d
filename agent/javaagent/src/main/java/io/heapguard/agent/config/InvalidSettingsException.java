package io.heapguard.agent.config;

import io.heapguard.core.ConfigException;

/**
 * The configuration is invalid; the message is that of the first problem (key, value, where it came
 * from, what is allowed). {@link #strict()} says whether the operator asked for {@code strict=true},
 * read from the same sources with the same precedence as every other setting, skipping what is
 * broken, so that a strict JVM stops even when another key is the one that failed.
 */
public final class InvalidSettingsException extends ConfigException {

    private static final long serialVersionUID = 1L;

    private final boolean strict;
    private final String message;

    InvalidSettingsException(ConfigException problem, boolean strict) {
        super(problem.key(), problem.value(), problem.allowed());
        this.strict = strict;
        this.message = problem.getMessage();
        initCause(problem);
    }

    /** Whether the highest source that gives {@code strict} says {@code true}. */
    public boolean strict() {
        return strict;
    }

    @Override
    public String getMessage() {
        return message;
    }
}
