package io.heapguard.it.startup;

import java.util.Objects;

/**
 * One column of the comparison: a named way to launch, compared against its baseline.
 *
 * @param name     short label for tables, CSV and log files, e.g. {@code hello+heapguard}
 * @param baseline the name of the variant it is compared with, or null when it is a baseline
 */
record Variant(String name, String baseline) {

    Variant {
        Objects.requireNonNull(name, "name");
        if (name.equals(baseline)) {
            throw new IllegalArgumentException("variant '" + name + "' cannot be its own baseline");
        }
    }

    static Variant baseline(String name) {
        return new Variant(name, null);
    }

    static Variant comparedWith(String name, Variant baseline) {
        return new Variant(name, baseline.name());
    }

    boolean isBaseline() {
        return baseline == null;
    }
}
