package io.heapguard.demo.http;

import java.util.List;

/** The API's paths, in one place: each handler serves its own, and 404 answers list them all. */
final class Endpoints {

    static final String SEARCH = "/search";
    static final String BATCH = "/search/batch";
    static final String EXPORT = "/export";
    static final String HEALTH = "/health";
    static final String STATS = "/stats";
    static final List<String> ALL = List.of(SEARCH, BATCH, EXPORT, HEALTH, STATS);

    private Endpoints() {
    }

    /** The 404 message for {@code path}, naming the endpoints there are. */
    static String notFound(String path) {
        return "no endpoint at " + path + "; endpoints: " + String.join(", ", ALL);
    }
}
