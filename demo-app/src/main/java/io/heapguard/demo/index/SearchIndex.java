package io.heapguard.demo.index;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * An open, verified index. The searcher has no executor: a search runs on the caller's thread, so
 * the guard's per-thread allocation measurement sees all of it.
 *
 * <p>Reference counted through the reader ({@link #tryAcquire}/{@link #release}): {@link #close}
 * gives up the owner's reference, and the reader, its directory (and, for a temporary index, its
 * files) are closed when the last search holding it has finished, so a served index can be replaced
 * under running searches.
 */
public final class SearchIndex implements Closeable {

    /** Cleanup once the last reference is gone. */
    @FunctionalInterface
    interface AfterClose {
        void run() throws IOException;
    }

    private final Path dir;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final CorpusStats stats;
    private final boolean hasVectors;

    SearchIndex(Path dir, Directory directory, DirectoryReader reader, CorpusStats stats) {
        this(dir, directory, reader, stats, true, () -> { });
    }

    SearchIndex(Path dir, Directory directory, DirectoryReader reader, CorpusStats stats, boolean hasVectors,
                AfterClose afterClose) {
        this.dir = dir;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.stats = stats;
        this.hasVectors = hasVectors;
        reader.getReaderCacheHelper().addClosedListener(key -> {
            try {
                directory.close();
            } finally {
                afterClose.run();
            }
        });
    }

    public Path dir() {
        return dir;
    }

    public IndexSearcher searcher() {
        return searcher;
    }

    public DirectoryReader reader() {
        return reader;
    }

    public CorpusStats stats() {
        return stats;
    }

    /** Whether the documents carry embeddings (false for the keyword index served during a build). */
    public boolean hasVectors() {
        return hasVectors;
    }

    /** Takes a reference for one search; false once the index is closed (take the current one then). */
    boolean tryAcquire() {
        return reader.tryIncRef();
    }

    void release() {
        try {
            reader.decRef();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
