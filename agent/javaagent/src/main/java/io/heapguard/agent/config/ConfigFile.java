package io.heapguard.agent.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON file named by {@code config}: one object whose keys are settings, nested
 * ({@code {"operations":{"search":{"maxInFlight":"64m"}}}}) or dotted
 * ({@code {"operations.search.maxInFlight":"64m"}}) or both. Values may be strings, numbers or
 * booleans. {@code //} and {@code /* *}{@code /} comments are allowed; duplicate keys are not.
 */
final class ConfigFile {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ConfigFile() {
    }

    /**
     * @param named the {@code config} setting that names the file (its origin goes into messages)
     * @param workingDirectory what a relative path is relative to
     */
    static List<Setting> read(Setting named, Path workingDirectory) {
        Path file = resolve(named, workingDirectory);
        JsonNode root = parse(named, file);
        if (!root.isObject()) {
            throw fileProblem(named, file, "expected a JSON object at the top ({\"maxHeap\": \"70%\", ...}),"
                    + " found " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        List<Setting> settings = new ArrayList<>();
        flatten(named, file, "", root, settings);
        return settings;
    }

    private static Path resolve(Setting named, Path workingDirectory) {
        try {
            return workingDirectory.resolve(named.value()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw SourcedConfigException.invalidValue(named.key(), named.value(),
                    "expected the path of a JSON file: " + e.getReason(), named.origin());
        }
    }

    private static JsonNode parse(Setting named, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw fileProblem(named, file, "the file does not exist");
        } catch (AccessDeniedException e) {
            throw fileProblem(named, file, "the file is not readable (permission denied)");
        } catch (IOException e) {
            throw fileProblem(named, file, Files.isDirectory(file) ? "it is a directory, not a file" : e.toString());
        }
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || root.isMissingNode()) {
                throw fileProblem(named, file, "the file is empty; expected a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw fileProblem(named, file, "invalid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw fileProblem(named, file, e.toString());
        }
    }

    private static void flatten(Setting named, Path file, String prefix, JsonNode node, List<Setting> out) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(named, file, key + ".", value, out);
            } else if (value.isValueNode() && !value.isNull()) {
                String cleanKey = SettingKeys.withoutPrefix(key);
                out.add(new Setting(cleanKey, value.asText().strip(), Setting.Source.CONFIG_FILE,
                        "config file " + file + ", key " + key));
            } else {
                throw fileProblem(named, file, "key '" + key + "' is " + (value.isNull() ? "null" : "an array")
                        + "; expected a string, number or boolean (leave the key out for the default)");
            }
        }
    }

    private static SourcedConfigException fileProblem(Setting named, Path file, String problem) {
        return SourcedConfigException.badSource(named.key(), named.value(),
                "cannot use config file " + file + ": " + problem, named.origin());
    }
}
