package io.heapguard.it.overload;

/**
 * How many clients run when: start with {@code startClients}, add {@code stepClients} every
 * {@code stepMillis} until {@code maxClients}, stop sending after {@code durationMillis}, and give
 * requests in progress {@code drainMillis} to finish before cutting them off. Each
 * client draws its requests from a {@link java.util.Random} seeded from {@code seed} and its index,
 * so a seed fixes the request sequence of every client.
 */
public record LoadPlan(int startClients, int maxClients, int stepClients, long stepMillis,
                       long durationMillis, long drainMillis, long seed) {

    /** Long enough for every request in progress to finish: exact accounting (the ITs). */
    public static final long DRAIN_FULLY_MILLIS = 150_000;

    public LoadPlan {
        if (startClients < 1 || maxClients < startClients || stepClients < 1) {
            throw new IllegalArgumentException("need 1 <= startClients <= maxClients and stepClients >= 1, were start="
                    + startClients + " max=" + maxClients + " step=" + stepClients);
        }
        if (stepMillis < 1 || durationMillis < 1 || drainMillis < 0) {
            throw new IllegalArgumentException("stepMillis and durationMillis must be >= 1 and drainMillis >= 0, were "
                    + stepMillis + ", " + durationMillis + " and " + drainMillis);
        }
    }

    public LoadPlan withSeed(long newSeed) {
        return new LoadPlan(startClients, maxClients, stepClients, stepMillis, durationMillis, drainMillis, newSeed);
    }

    public LoadPlan withDurationMillis(long newDurationMillis) {
        return new LoadPlan(startClients, maxClients, stepClients, stepMillis, newDurationMillis, drainMillis, seed);
    }

    public LoadPlan withDrainMillis(long newDrainMillis) {
        return new LoadPlan(startClients, maxClients, stepClients, stepMillis, durationMillis, newDrainMillis, seed);
    }
}
