package io.heapguard.demo.index;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * What an on-disk index was built from, and its completion marker: written last during a build and
 * atomically (a temporary file renamed into place), so an index without it, or with a torn one, is
 * never opened; one built from something else (format, corpus, slice, model) is stale.
 */
record IndexMetadata(int format, String corpus, String slice, String model, CorpusStats stats) {

    /** Bump when the document layout changes, so old caches are rebuilt instead of misread. */
    static final int FORMAT = 1;
    static final String FILE_NAME = "heapguard-demo-index.properties";

    void write(Path dir) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("format", Integer.toString(format));
        properties.setProperty("corpus", corpus);
        properties.setProperty("slice", slice);
        properties.setProperty("model", model);
        properties.setProperty("docs", Long.toString(stats.docs()));
        properties.setProperty("avgHitBytes", Long.toString(stats.avgHitBytes()));
        properties.setProperty("maxHitBytes", Long.toString(stats.maxHitBytes()));
        Path temporary = dir.resolve(FILE_NAME + ".tmp");
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            properties.store(out, "heapguard demo index; delete the directory to rebuild");
        }
        Files.move(temporary, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
    }

    static IndexMetadata read(Path dir) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            throw new IOException("no " + FILE_NAME + " (the build did not finish)", e);
        }
        try {
            return new IndexMetadata(
                    Integer.parseInt(required(properties, "format")),
                    required(properties, "corpus"),
                    required(properties, "slice"),
                    required(properties, "model"),
                    new CorpusStats(Long.parseLong(required(properties, "docs")),
                            Long.parseLong(required(properties, "avgHitBytes")),
                            Long.parseLong(required(properties, "maxHitBytes")), 0));
        } catch (IllegalArgumentException e) {
            throw new IOException(FILE_NAME + " is damaged: " + e.getMessage(), e);
        }
    }

    private static String required(Properties properties, String key) throws IOException {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IOException(FILE_NAME + " lacks '" + key + "'");
        }
        return value;
    }
}
