package io.heapguard.demo.index;

import io.heapguard.demo.corpus.Corpus;
import io.heapguard.demo.corpus.CorpusSlice;
import io.heapguard.demo.embed.SentenceEmbedder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The on-disk cache: reused when valid, rebuilt (after saying why) when not. */
class IndexStoreTest {

    private static final CorpusSlice TINY = CorpusSlice.first(40);
    private static SentenceEmbedder embedder;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final IndexStore store = new IndexStore(embedder, new PrintStream(log, true, StandardCharsets.UTF_8));

    @TempDir
    Path temp;

    @BeforeAll
    static void loadModel() {
        embedder = new SentenceEmbedder();
    }

    @AfterAll
    static void closeModel() {
        embedder.close();
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void openOrBuild_firstUse_buildsWithProgressAndStats() throws IOException {
        Path dir = temp.resolve("idx");
        try (SearchIndex index = store.openOrBuild(dir, Corpus.WORDNET, TINY)) {
            assertThat(index.reader().numDocs()).isEqualTo(40);
            assertThat(index.stats().docs()).isEqualTo(40);
            assertThat(index.stats().avgHitBytes()).isPositive();
        }
        assertThat(log()).contains("indexing wordnet").contains("40/40 docs");
        assertThat(dir.resolve(IndexMetadata.FILE_NAME)).exists();
    }

    @Test
    void openOrBuild_validCache_isReusedWithoutRebuilding() throws IOException {
        Path dir = temp.resolve("idx");
        store.openOrBuild(dir, Corpus.WORDNET, TINY).close();
        log.reset();

        try (SearchIndex index = store.openOrBuild(dir, Corpus.WORDNET, TINY)) {
            assertThat(index.reader().numDocs()).isEqualTo(40);
        }
        assertThat(log()).isEmpty();
    }

    @Test
    void openOrBuild_corruptFile_saysSoAndRebuilds() throws IOException {
        Path dir = temp.resolve("idx");
        store.openOrBuild(dir, Corpus.WORDNET, TINY).close();
        Path largest = largestIndexFile(dir);
        byte[] bytes = Files.readAllBytes(largest);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(largest, bytes);

        try (SearchIndex index = store.openOrBuild(dir, Corpus.WORDNET, TINY)) {
            assertThat(index.reader().numDocs()).isEqualTo(40);
        }
        assertThat(log()).contains("index cache at " + dir + " is unusable").contains("rebuilding");
    }

    @Test
    void openOrBuild_interruptedBuild_isRebuilt() throws IOException {
        Path dir = temp.resolve("idx");
        store.openOrBuild(dir, Corpus.WORDNET, TINY).close();
        Files.delete(dir.resolve(IndexMetadata.FILE_NAME));

        store.openOrBuild(dir, Corpus.WORDNET, TINY).close();

        assertThat(log()).contains("the build did not finish");
    }

    @Test
    void openOrBuild_otherSlice_isRebuiltForTheNewSlice() throws IOException {
        Path dir = temp.resolve("idx");
        store.openOrBuild(dir, Corpus.WORDNET, TINY).close();

        try (SearchIndex index = store.openOrBuild(dir, Corpus.WORDNET, CorpusSlice.first(20))) {
            assertThat(index.reader().numDocs()).isEqualTo(20);
        }
        assertThat(log()).contains("built for slice '40', need '20'");
    }

    @Test
    void openOrBuild_directoryWithOtherFiles_isNeverDeleted() throws IOException {
        Path dir = temp.resolve("notes");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("thesis.txt"), "precious");

        assertThatThrownBy(() -> store.openOrBuild(dir, Corpus.WORDNET, TINY))
                .hasMessageContaining("refusing to delete it");
        assertThat(dir.resolve("thesis.txt")).hasContent("precious");
    }

    private static Path largestIndexFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().endsWith(".properties"))
                    .max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
    }
}
