package io.heapguard.demo.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.heapguard.demo.search.BadRequestException;
import io.heapguard.demo.search.BatchRequest;
import io.heapguard.demo.search.RequestLimits;
import io.heapguard.demo.search.SearchMode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code {"mode":"vector","k":10,"queries":[..]}} or {@code {...,"vectors":[[..]]}} strictly:
 * unknown fields, wrong types and non-finite numbers are 400s naming the field.
 */
final class BatchBodyParser {

    private static final Set<String> FIELDS = Set.of("mode", "k", "queries", "vectors");
    /** NaN and Infinity are parsed (not rejected as bad JSON) so the error can name the component. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private BatchBodyParser() {
    }

    static BatchRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("body", "body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequestException("body", "body cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadRequestException("body", "body must be a JSON object with mode, k and queries or vectors");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new BadRequestException(name, "unknown field '" + name + "'; allowed: mode, k, queries, vectors");
            }
        }
        SearchMode mode = SearchMode.parse("mode", text(root, "mode", "vector"));
        int k = integer(root, "k", RequestLimits.DEFAULT_K);
        return new BatchRequest(mode, k, queries(root.get("queries")), vectors(root.get("vectors")));
    }

    private static String text(JsonNode root, String field, String defaultValue) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isTextual()) {
            throw new BadRequestException(field, field + " must be a string");
        }
        return node.asText();
    }

    private static int integer(JsonNode root, String field, int defaultValue) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new BadRequestException(field, field + " must be an integer from 1 to " + RequestLimits.MAX_WINDOW
                    + ", was " + QueryParams.abbreviate(node.toString()));
        }
        return node.intValue();
    }

    private static List<String> queries(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new BadRequestException("queries", "queries must be an array of strings");
        }
        checkSize("queries", node.size());
        List<String> queries = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw new BadRequestException("queries[" + i + "]", "queries[" + i + "] must be a string");
            }
            queries.add(node.get(i).asText());
        }
        return queries;
    }

    private static List<float[]> vectors(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new BadRequestException("vectors", "vectors must be an array of arrays of numbers");
        }
        checkSize("vectors", node.size());
        List<float[]> vectors = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode vector = node.get(i);
            String field = "vectors[" + i + "]";
            if (!vector.isArray()) {
                throw new BadRequestException(field, field + " must be an array of numbers");
            }
            float[] values = new float[vector.size()];
            for (int d = 0; d < values.length; d++) {
                JsonNode component = vector.get(d);
                if (!component.isNumber()) {
                    throw new BadRequestException(field, field + "[" + d + "] must be a number, was "
                            + QueryParams.abbreviate(component.toString()));
                }
                values[d] = (float) component.doubleValue();
            }
            vectors.add(values);
        }
        return vectors;
    }

    /** Checked here too, before converting thousands of vectors only to reject the batch. */
    private static void checkSize(String field, int size) {
        if (size < 1 || size > RequestLimits.MAX_BATCH_SIZE) {
            throw new BadRequestException(field, field + " must hold 1 to " + RequestLimits.MAX_BATCH_SIZE
                    + " entries, had " + size);
        }
    }
}
