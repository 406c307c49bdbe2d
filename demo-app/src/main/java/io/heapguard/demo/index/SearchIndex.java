package io.heapguard.demo.index;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An open, verified index. The searcher has no executor: a search runs on the caller's thread, so
 * the guard's per-thread allocation measurement sees all of it.
 */
public final class SearchIndex implements Closeable {

    private final Path dir;
    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final CorpusStats stats;

    SearchIndex(Path dir, Directory directory, DirectoryReader reader, CorpusStats stats) {
        this.dir = dir;
        this.directory = directory;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.stats = stats;
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

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            directory.close();
        }
    }
}
