package io.heapguard.it.overload;

/**
 * How many clients run when: start with {@code startClients}, add {@code stepClients} every
 * {@code stepMillis} until {@code maxClients}, stop sending after {@code durationMillis}. Each
 * client draws its requests from a {@link java.util.Random} seeded from {@code seed} and its index,
 * so a seed fixes the request sequence of every client.
 */
public record LoadPlan(int startClients, int maxClients, int stepClients, long stepMillis,
                       long durationMillis, long seed) {

    public LoadPlan {
        if (startClients < 1 || maxClients < startClients || stepClients < 1) {
            throw new IllegalArgumentException("need 1 <= startClients <= maxClients and stepClients >= 1, were start="
                    + startClients + " max=" + maxClients + " step=" + stepClients);
        }
        if (stepMillis < 1 || durationMillis < 1) {
            throw new IllegalArgumentException("stepMillis and durationMillis must be >= 1, were "
                    + stepMillis + " and " + durationMillis);
        }
    }

    public LoadPlan withSeed(long newSeed) {
        return new LoadPlan(startClients, maxClients, stepClients, stepMillis, durationMillis, newSeed);
    }

    public LoadPlan withDurationMillis(long newDurationMillis) {
        return new LoadPlan(startClients, maxClients, stepClients, stepMillis, newDurationMillis, seed);
    }
}
