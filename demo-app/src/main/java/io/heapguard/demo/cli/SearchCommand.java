package io.heapguard.demo.cli;

import io.heapguard.demo.DemoServices;
import io.heapguard.demo.search.RequestLimits;
import io.heapguard.demo.search.SearchMode;
import io.heapguard.demo.search.SearchRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** One search from the command line, printed as a table. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search the index and print a table of hits.")
public final class SearchCommand implements Callable<Integer> {

    @Mixin
    IndexOptions options;

    @Option(names = "--mode", defaultValue = "keyword", paramLabel = "MODE",
            description = "keyword, fuzzy, vector, exact or hybrid (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--k", defaultValue = "10", description = "Hits per page (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--offset", defaultValue = "0", description = "Hits to skip (default: ${DEFAULT-VALUE}).")
    int offset;

    @Option(names = "--edits", defaultValue = "" + RequestLimits.DEFAULT_EDITS,
            description = "Max Levenshtein edits for fuzzy mode, 0-2 (default: ${DEFAULT-VALUE}).")
    int edits;

    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "The query (words are joined with spaces).")
    List<String> query;

    @Override
    public Integer call() throws Exception {
        // validate before opening (and maybe building) the index
        SearchRequest request = new SearchRequest(SearchMode.parse("--mode", mode), String.join(" ", query), k,
                offset, edits);
        try (DemoServices services = DemoServices.open(options.dir(), options.corpus(), options.slice(), System.err)) {
            services.search().search(request, result -> new HitTable(System.out).print(result));
        }
        return 0;
    }
}
