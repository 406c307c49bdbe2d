package io.heapguard.demo.http;

import io.heapguard.demo.search.BadRequestException;
import io.heapguard.demo.search.RequestLimits;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A request's query-string parameters, checked against the names an endpoint accepts. */
final class QueryParams {

    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = values;
    }

    /** Parses a raw (still encoded) query string; unknown, repeated or undecodable parameters are 400s. */
    static QueryParams parse(String rawQuery, List<String> allowed) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new QueryParams(values);
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode("query string", equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(name, pair.substring(equals + 1));
            if (!allowed.contains(name)) {
                throw new BadRequestException(name, "unknown parameter '" + name + "'; allowed: "
                        + String.join(", ", allowed));
            }
            if (values.put(name, value) != null) {
                throw new BadRequestException(name, "parameter '" + name + "' given more than once");
            }
        }
        return new QueryParams(values);
    }

    String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    int integer(String name, int defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name, name + " must be a whole number (k + offset at most "
                    + RequestLimits.MAX_WINDOW + "), was '" + abbreviate(value) + "'");
        }
    }

    private static String decode(String field, String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(field, "malformed percent-encoding in '" + abbreviate(raw) + "'");
        }
    }

    static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
