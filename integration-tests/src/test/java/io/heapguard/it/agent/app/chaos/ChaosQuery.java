package io.heapguard.it.agent.app.chaos;

/** A parameter object whose size getter fails, quoting the query text as careless code does. */
public record ChaosQuery(String text) {

    public long getSize() {
        throw new IllegalArgumentException("cannot size query '" + text + "'");
    }

    @Override
    public String toString() {
        return "ChaosQuery[" + text + "]";
    }
}
