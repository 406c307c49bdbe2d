package io.heapguard.agent.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** System properties for a settings test: temporary and working directory both in the test's own {@code dir}. */
final class TestProperties {

    private TestProperties() {
    }

    /** A mutable map, so a test can add the properties it is about. */
    static Map<String, String> in(Path dir) {
        Map<String, String> properties = new HashMap<>();
        properties.put("java.io.tmpdir", dir.toString());
        properties.put("user.dir", dir.toString());
        return properties;
    }
}
