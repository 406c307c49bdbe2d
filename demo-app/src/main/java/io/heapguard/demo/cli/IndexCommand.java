package io.heapguard.demo.cli;

import io.heapguard.demo.DemoServices;
import io.heapguard.demo.embed.SentenceEmbedder;
import io.heapguard.demo.index.IndexStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

/** Builds the index cache now (otherwise the first search builds it). */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Build (or verify) the cached index with embeddings.")
public final class IndexCommand implements Callable<Integer> {

    @Mixin
    IndexOptions options;

    @Option(names = "--rebuild", description = "Rebuild even when a valid cache exists.")
    boolean rebuild;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        if (rebuild) {
            try (SentenceEmbedder embedder = new SentenceEmbedder()) {
                new IndexStore(embedder, System.err).rebuild(options.dir(), options.corpus(), options.slice());
            }
        }
        try (DemoServices services = DemoServices.open(options.dir(), options.corpus(), options.slice(), System.err)) {
            System.out.printf(Locale.ROOT, "index %s: %d documents, ready in %.1f s%n", services.index().dir(),
                    services.index().stats().docs(), (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }
}
