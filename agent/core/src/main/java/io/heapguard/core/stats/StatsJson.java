package io.heapguard.core.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads and writes {@link StatsSnapshot} as JSON. */
public final class StatsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private StatsJson() {
    }

    public static String toText(StatsSnapshot snapshot) {
        try {
            return MAPPER.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write heapguard stats as JSON", e);
        }
    }

    public static StatsSnapshot parse(byte[] json) {
        try {
            return MAPPER.readValue(json, StatsSnapshot.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a heapguard stats document", e);
        }
    }
}
