package io.heapguard.it.startup;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One launch of one variant.
 *
 * @param variant the {@link Variant#name()}
 * @param round   0-based round; rounds below the warm-up count are warm-up
 * @param warmup  whether it is left out of the statistics
 * @param nanos   nanoseconds from just before the launch to each measured point
 */
record RunSample(String variant, int round, boolean warmup, Map<Measure, Long> nanos) {

    RunSample {
        Objects.requireNonNull(variant, "variant");
        nanos = Map.copyOf(nanos);
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("a run of '" + variant + "' measured nothing");
        }
    }

    /** A run with one measured point. */
    static RunSample of(String variant, int round, boolean warmup, Measure measure, long nanos) {
        return new RunSample(variant, round, warmup, Map.of(measure, nanos));
    }

    /** A run with several measured points, in {@link Measure} order. */
    static RunSample of(String variant, int round, boolean warmup, EnumMap<Measure, Long> nanos) {
        return new RunSample(variant, round, warmup, nanos);
    }

    boolean has(Measure measure) {
        return nanos.containsKey(measure);
    }

    long nanos(Measure measure) {
        Long value = nanos.get(measure);
        if (value == null) {
            throw new IllegalArgumentException("run " + round + " of '" + variant + "' did not measure " + measure);
        }
        return value;
    }
}
