package io.heapguard.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;

/**
 * The JSON file named by {@code config}: one object whose keys are settings, nested
 * ({@code {"operations":{"search":{"maxInFlight":"64m"}}}}) or dotted
 * ({@code {"operations.search.maxInFlight":"64m"}}) or both. Values may be strings, numbers or
 * booleans. {@code //} and {@code /* *}{@code /} comments are allowed; duplicate keys are not.
 *
 * <p>Read with Jackson's streaming parser, not data binding: this runs in premain, and an
 * {@code ObjectMapper} costs hundreds of milliseconds of class loading there.
 */
final class ConfigFile {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // one file read once: a shared table of every field name ever read would only be kept, never reused
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();

    /** Far above any real configuration; a bound so a wrong path cannot fill the heap at start-up. */
    static final int MAX_FILE_BYTES = 1 << 20;

    private ConfigFile() {
    }

    /**
     * @param named            the {@code config} setting that names the file (its origin goes into messages)
     * @param workingDirectory what a relative path is relative to
     */
    static List<Setting> read(Setting named, Path workingDirectory) {
        Path file = resolve(named, workingDirectory);
        byte[] bytes = bytesOf(named, file);
        List<Setting> settings = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw fileProblem(named, file, "the file is empty; expected a JSON object");
            }
            if (first != JsonToken.START_OBJECT) {
                throw fileProblem(named, file, "expected a JSON object at the top ({\"maxHeap\": \"70%\", ...}),"
                        + " found " + parser.getText() + where(parser.currentTokenLocation()));
            }
            readObject(parser, "", named, file, settings);
            if (parser.nextToken() != null) {
                throw fileProblem(named, file, "unexpected " + parser.getText() + " after the top-level object"
                        + where(parser.currentTokenLocation()));
            }
        } catch (JsonProcessingException e) {
            throw fileProblem(named, file, "invalid JSON" + where(e.getLocation()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw fileProblem(named, file, reason(e));
        }
        return settings;
    }

    /** Reads the fields of an object whose START_OBJECT was just read, flattening nested objects. */
    private static void readObject(JsonParser parser, String prefix, Setting named, Path file, List<Setting> out)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = prefix + parser.currentName();
            JsonToken value = parser.nextToken();
            switch (value) {
                case START_OBJECT -> readObject(parser, key + ".", named, file, out);
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                        out.add(new Setting(SettingKeys.withoutPrefix(key), parser.getText().strip(),
                                Setting.Source.CONFIG_FILE, "config file " + file + ", key " + key));
                default -> throw fileProblem(named, file, "key '" + key + "' is "
                        + (value == JsonToken.VALUE_NULL ? "null" : "an array")
                        + "; expected a string, number or boolean (leave the key out for the default)");
            }
        }
    }

    private static Path resolve(Setting named, Path workingDirectory) {
        try {
            return workingDirectory.resolve(named.value()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw SourcedConfigException.invalidValue(named.key(), named.value(),
                    "expected the path of a JSON file: " + e.getReason(), named.origin());
        }
    }

    private static byte[] bytesOf(Setting named, Path file) {
        // premain reads this: a device (/dev/zero) or FIFO (/dev/stdin) would hang start-up or fill the heap
        if (Files.exists(file) && !Files.isDirectory(file) && !Files.isRegularFile(file)) {
            throw fileProblem(named, file, "it is not a regular file (a device, FIFO or socket)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw fileProblem(named, file, "it is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw fileProblem(named, file, "the file does not exist");
        } catch (AccessDeniedException e) {
            throw fileProblem(named, file, "the file is not readable (permission denied)");
        } catch (IOException e) {
            throw fileProblem(named, file, Files.isDirectory(file) ? "it is a directory, not a file" : reason(e));
        }
    }

    /** What went wrong in words ("File name too long"), without the exception's class name. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return e.getMessage() == null ? "cannot be read" : e.getMessage();
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static SourcedConfigException fileProblem(Setting named, Path file, String problem) {
        return SourcedConfigException.badSource(named.key(), named.value(),
                "cannot use config file " + file + ": " + problem, named.origin());
    }
}
