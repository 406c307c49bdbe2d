package io.heapguard.it.overload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Parses the small JSON documents the demo answers with; never throws on bad input. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The parsed document, or a missing node when the bytes are not JSON. */
    public static JsonNode parse(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            return node == null ? MissingNode.getInstance() : node;
        } catch (java.io.IOException | RuntimeException e) {
            return MissingNode.getInstance();
        }
    }

    /** Follows a dotted path ({@code totals.inFlight}); a missing node when any step is absent. */
    public static JsonNode at(JsonNode root, String dottedPath) {
        JsonNode node = root;
        for (String step : dottedPath.split("\\.")) {
            node = node.path(step);
        }
        return node;
    }

    /** The long at the path, or {@code fallback} when absent or not a number. */
    public static long longAt(JsonNode root, String dottedPath, long fallback) {
        JsonNode node = at(root, dottedPath);
        return node.isNumber() ? node.asLong() : fallback;
    }
}
