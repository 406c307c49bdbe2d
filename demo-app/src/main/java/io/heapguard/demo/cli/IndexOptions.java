package io.heapguard.demo.cli;

import io.heapguard.demo.corpus.Corpus;
import io.heapguard.demo.corpus.CorpusSlice;
import io.heapguard.demo.index.IndexStore;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Which corpus slice to index and where its cache lives; shared by every command that opens an index. */
public final class IndexOptions {

    @Option(names = "--corpus", defaultValue = "wordnet", paramLabel = "wordnet|europarl",
            description = "Corpus to index (default: ${DEFAULT-VALUE}).")
    String corpus;

    @Option(names = "--limit", paramLabel = "N", description = "Index only the first N documents (default: all).")
    Integer limit;

    @Option(names = "--include-words", split = ",", paramLabel = "WORD",
            description = "Also index later documents whose words contain one of these (for small test slices).")
    List<String> includeWords = new ArrayList<>();

    @Option(names = "--index-dir", paramLabel = "DIR",
            description = "Index cache directory (default: ~/.heapguard-demo/<corpus>-<limit>).")
    Path indexDir;

    public Corpus corpus() {
        return Corpus.fromCliName(corpus);
    }

    public CorpusSlice slice() {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be >= 1, was " + limit);
        }
        return new CorpusSlice(limit == null ? CorpusSlice.ALL : limit, Set.copyOf(includeWords));
    }

    public Path dir() {
        return indexDir != null ? indexDir : IndexStore.defaultDir(corpus(), slice());
    }
}
