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

    @Option(names = "--limit", defaultValue = "common", paramLabel = "common|all|N",
            description = "Documents to index: 'common' (default; WordNet synsets with a sense tagged in SemCor, 27,210,"
                    + " ready in a minute or two), 'all' (117,791 WordNet synsets, several minutes), or the first N.")
    String limit;

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
        return switch (limit) {
            case "common" -> new CorpusSlice(CorpusSlice.ALL, Set.copyOf(includeWords), true);
            case "all" -> new CorpusSlice(CorpusSlice.ALL, Set.copyOf(includeWords));
            default -> new CorpusSlice(parseCount(limit), Set.copyOf(includeWords));
        };
    }

    private static int parseCount(String limit) {
        try {
            int count = Integer.parseInt(limit);
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException e) {
            // falls through to the message naming the allowed values
        }
        throw new IllegalArgumentException("--limit must be 'common', 'all' or a count >= 1, was '" + limit + "'");
    }

    public Path dir() {
        return indexDir != null ? indexDir : IndexStore.defaultDir(corpus(), slice());
    }
}
