package io.heapguard.demo;

import io.heapguard.demo.corpus.Corpus;
import io.heapguard.demo.corpus.CorpusSlice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One small real index shared by the tests of a run: the first {@link #LIMIT} WordNet synsets plus
 * every synset whose words contain one of {@link #INCLUDE_WORDS}, so the facts tests assert on are
 * in it. Cached under target/, so later runs reuse it.
 */
public final class TestServices {

    public static final int LIMIT = 3_000;
    public static final List<String> INCLUDE_WORDS = List.of("tiger", "cat", "lion", "feline", "leopard", "piano", "guitar");
    public static final CorpusSlice SLICE = new CorpusSlice(LIMIT, Set.copyOf(INCLUDE_WORDS));
    public static final Path DIR = Path.of("target", "test-index", "wordnet-" + SLICE.label());

    /** WordNet 3.1 ids of synsets the tests assert on. */
    public static final String TIGER = "n02132256";
    public static final String PIANO = "n03934354";
    public static final String GUITAR = "n03472449";

    private static DemoServices services;

    private TestServices() {
    }

    public static synchronized DemoServices get() {
        if (services == null) {
            try {
                services = DemoServices.open(DIR, Corpus.WORDNET, SLICE, System.err);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return services;
    }

    /** The options that make the CLI open the same index. */
    public static List<String> cliIndexOptions() {
        return List.of("--index-dir", DIR.toString(), "--limit", Integer.toString(LIMIT),
                "--include-words", String.join(",", INCLUDE_WORDS));
    }
}
