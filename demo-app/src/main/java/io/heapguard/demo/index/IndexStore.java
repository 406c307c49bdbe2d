package io.heapguard.demo.index;

import io.heapguard.demo.corpus.Corpus;
import io.heapguard.demo.corpus.CorpusDoc;
import io.heapguard.demo.corpus.CorpusSlice;
import io.heapguard.demo.embed.SentenceEmbedder;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Opens the cached index for a corpus slice, building it first when there is none, and rebuilding
 * it (after saying why on the log) when the cache is incomplete, stale or corrupt.
 *
 * <p>A build writes into a sibling directory and renames it into place only when complete, its
 * metadata (the completion marker) written last, so an interrupted build never leaves a directory
 * that looks usable; the build directories of dead processes are removed before the next open
 * ({@link StaleBuilds}).
 */
public final class IndexStore {

    /** Names the keyword index's staging directory beside the index: {@code <dir>.keywords.building-<pid>}. */
    static final String KEYWORDS_SUFFIX = ".keywords";

    private final SentenceEmbedder embedder;
    private final PrintStream log;
    private final int embedChunkDocs;

    /** Makes the store once the model is loaded (which {@link io.heapguard.demo.DemoServices} owns). */
    @FunctionalInterface
    public interface Factory {
        IndexStore create(SentenceEmbedder embedder);
    }

    public IndexStore(SentenceEmbedder embedder, PrintStream log) {
        this(embedder, log, IndexBuilder.EMBED_CHUNK_DOCS);
    }

    /** @param embedChunkDocs documents embedded together; smaller chunks report progress more often (tests) */
    public IndexStore(SentenceEmbedder embedder, PrintStream log, int embedChunkDocs) {
        this.embedder = embedder;
        this.log = log;
        this.embedChunkDocs = embedChunkDocs;
    }

    /** The default cache directory: {@code ~/.heapguard-demo/<corpus>-<slice>}. */
    public static Path defaultDir(Corpus corpus, CorpusSlice slice) {
        return Path.of(System.getProperty("user.home"), ".heapguard-demo", corpus.cliName() + "-" + slice.label());
    }

    public SearchIndex openOrBuild(Path dir, Corpus corpus, CorpusSlice slice) throws IOException {
        Optional<SearchIndex> cached = openCached(dir, corpus, slice);
        if (cached.isPresent()) {
            return cached.get();
        }
        build(dir, corpus, slice, IndexBuilder.read(corpus, slice), BuildProgress.NONE);
        return open(dir, corpus, slice);
    }

    /**
     * For a server: the complete index when the cache holds one; otherwise, as soon as a
     * keyword-only index of the slice is committed (seconds), that one, while the complete index is
     * built on a background thread exactly as {@link #openOrBuild} builds it (staging directory,
     * completion marker, atomic rename), then verified, opened and switched to.
     *
     * <p>The keyword index lives in its own staging directory ({@code <dir>.keywords.building-<pid>}),
     * removed when it is replaced or closed, or by {@link StaleBuilds} if this process is killed; it
     * has no completion marker, so nothing ever opens it as a complete index.
     *
     * @param listener hears of the background build's progress, after the live index has
     */
    public LiveIndex openForServing(Path dir, Corpus corpus, CorpusSlice slice, BuildProgress listener) throws IOException {
        Optional<SearchIndex> cached = openCached(dir, corpus, slice);
        if (cached.isPresent()) {
            return LiveIndex.complete(cached.get());
        }
        List<CorpusDoc> docs = IndexBuilder.read(corpus, slice);
        LiveIndex live = LiveIndex.keywordsOnly(openKeywordIndex(dir, docs), docs.size());
        log.println("serving keyword and fuzzy search from a keyword index of " + docs.size()
                + " documents while the vectors are built");
        BackgroundBuild.start(live, log,
                progress -> {
                    build(dir, corpus, slice, docs, progress.andThen(listener));
                    return open(dir, corpus, slice);
                });
        return live;
    }

    /** Builds afresh, replacing the index at {@code dir}. */
    public void rebuild(Path dir, Corpus corpus, CorpusSlice slice) throws IOException {
        StaleBuilds.removeDead(dir, log);
        checkDeletable(dir);
        deleteRecursively(dir);
        build(dir, corpus, slice, IndexBuilder.read(corpus, slice), BuildProgress.NONE);
    }

    /** The complete cached index, after removing dead builds; a cache that cannot be used is deleted (saying why). */
    private Optional<SearchIndex> openCached(Path dir, Corpus corpus, CorpusSlice slice) throws IOException {
        StaleBuilds.removeDead(dir, log);
        if (Files.exists(dir)) {
            try {
                return Optional.of(open(dir, corpus, slice));
            } catch (IOException | RuntimeException e) {
                checkDeletable(dir);
                log.println("index cache at " + dir + " is unusable (" + describe(e) + "); rebuilding it");
                deleteRecursively(dir);
            }
        }
        return Optional.empty();
    }

    private SearchIndex openKeywordIndex(Path dir, List<CorpusDoc> docs) throws IOException {
        Path staging = StaleBuilds.stagingFor(dir.resolveSibling(dir.getFileName() + KEYWORDS_SUFFIX));
        deleteRecursively(staging);
        Files.createDirectories(staging);
        Directory directory = null;
        try {
            CorpusStats stats = IndexBuilder.buildKeywords(docs, staging);
            directory = FSDirectory.open(staging);
            DirectoryReader reader = DirectoryReader.open(directory);
            return new SearchIndex(staging, directory, reader, stats.withSegments(reader.leaves().size()), false,
                    () -> deleteRecursively(staging));
        } catch (IOException | RuntimeException e) {
            if (directory != null) {
                directory.close();
            }
            deleteRecursively(staging);
            throw e;
        }
    }

    private void build(Path dir, Corpus corpus, CorpusSlice slice, List<CorpusDoc> docs, BuildProgress listener)
            throws IOException {
        Files.createDirectories(dir.toAbsolutePath().getParent());
        Path staging = StaleBuilds.stagingFor(dir);
        deleteRecursively(staging);
        Files.createDirectories(staging);
        try {
            CorpusStats stats = new IndexBuilder(embedder, log, embedChunkDocs).build(corpus.cliName(), docs, staging, listener);
            new IndexMetadata(IndexMetadata.FORMAT, corpus.cliName(), slice.label(), SentenceEmbedder.MODEL_NAME, stats)
                    .write(staging);
            try {
                Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // another process finished the same build first; its index is as good as ours
                log.println("index at " + dir + " was built by another process meanwhile; using it");
            }
        } finally {
            deleteRecursively(staging);
        }
    }

    private static SearchIndex open(Path dir, Corpus corpus, CorpusSlice slice) throws IOException {
        IndexMetadata metadata = IndexMetadata.read(dir);
        checkMatches("format", Integer.toString(IndexMetadata.FORMAT), Integer.toString(metadata.format()));
        checkMatches("corpus", corpus.cliName(), metadata.corpus());
        checkMatches("slice", slice.label(), metadata.slice());
        checkMatches("model", SentenceEmbedder.MODEL_NAME, metadata.model());
        Directory directory = FSDirectory.open(dir);
        DirectoryReader reader = null;
        try {
            reader = DirectoryReader.open(directory);
            // verifies every file's checksum: a damaged cache fails here, not in the middle of a query
            for (LeafReaderContext leaf : reader.leaves()) {
                leaf.reader().checkIntegrity();
            }
            if (reader.numDocs() != metadata.stats().docs()) {
                throw new IOException("index holds " + reader.numDocs() + " documents, metadata says "
                        + metadata.stats().docs());
            }
            return new SearchIndex(dir, directory, reader, metadata.stats().withSegments(reader.leaves().size()));
        } catch (IOException | RuntimeException e) {
            if (reader != null) {
                reader.close();
            }
            directory.close();
            throw e;
        }
    }

    /**
     * Refuses to delete a directory that is not an index (a mistyped {@code --index-dir} must never
     * cost the user their files): only an empty directory, or one holding Lucene segments or our
     * metadata, is rebuilt.
     */
    private static void checkDeletable(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " exists and is not a directory; give --index-dir a directory");
        }
        if (!holdsOnlyIndexFiles(dir)) {
            throw new IOException(dir + " holds files that are not part of an index; refusing to delete it."
                    + " Choose another --index-dir, or empty this one");
        }
    }

    /** Whether every file in {@code dir} is a Lucene file or our metadata (or its temporary copy). */
    static boolean holdsOnlyIndexFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).allMatch(name -> name.startsWith(IndexMetadata.FILE_NAME)
                    || name.startsWith("segments") || name.startsWith("_") || name.equals("write.lock")
                    || name.startsWith("pending_segments"));
        }
    }

    private static void checkMatches(String what, String expected, String actual) throws IOException {
        if (!expected.equals(actual)) {
            throw new IOException("built for " + what + " '" + actual + "', need '" + expected + "'");
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
