package io.heapguard.it.overload;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The demo's guarded operations (its {@code @MemoryAware(operation = ...)} names, see
 * demo-app GuardedSearch) and how heapguard's stats count them.
 */
final class GuardOperations {

    private GuardOperations() {
    }

    /** The batch operation: a batch refused whole is retried in chunks, one guarded call each. */
    static final String BATCH = "search.batch";

    /** The operation a client request runs through: one guarded call per request (batches: at least one). */
    static String operationOf(OverloadKind kind) {
        return switch (kind) {
            case KEYWORD, DEEP_PAGE -> "search.keyword";
            case VECTOR -> "search.vector";
            case FUZZY_WIDE -> "search.fuzzy";
            case VECTOR_BATCH -> BATCH;
            case EXPORT -> "export";
        };
    }

    /**
     * Per operation, the requests that reached the guard: sent, minus 400s (refused by validation
     * before the guarded call) and requests cut off by the client (their fate is unknown).
     */
    static Map<String, Long> clientCalls(LoadResult load) {
        Map<String, Long> calls = new TreeMap<>();
        load.perKind().forEach((kind, c) -> calls.merge(operationOf(kind), c.sent() - c.badRequest() - c.cutOff(), Long::sum));
        calls.values().removeIf(n -> n == 0);
        return calls;
    }

    /** Per operation, admitted + rejected (all reasons) counted by the guard between two stats documents. */
    static Map<String, Long> guardDecisions(JsonNode before, JsonNode after) {
        Map<String, Long> decisions = new TreeMap<>();
        for (Iterator<String> names = after.path("operations").fieldNames(); names.hasNext(); ) {
            String op = names.next();
            long n = decided(after, op) - decided(before, op);
            if (n != 0) {
                decisions.put(op, n);
            }
        }
        return decisions;
    }

    static long decided(JsonNode stats, String op) {
        return admitted(stats, op) + rejected(stats, op);
    }

    static long admitted(JsonNode stats, String op) {
        return stats.path("operations").path(op).path("admitted").asLong(0);
    }

    static long rejected(JsonNode stats, String op) {
        long sum = 0;
        for (JsonNode n : stats.path("operations").path(op).path("rejected")) {
            sum += n.asLong(0);
        }
        return sum;
    }

    static long rejected(JsonNode stats, String op, String reason) {
        return stats.path("operations").path(op).path("rejected").path(reason).asLong(0);
    }

    static long inFlight(JsonNode stats, String op) {
        return stats.path("operations").path(op).path("inFlight").asLong(0);
    }
}
