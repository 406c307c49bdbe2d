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
import java.util.List;
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

    @Test
    void openOrBuild_tornMetadata_isNeverOpenedAsComplete() throws IOException {
        Path dir = temp.resolve("idx");
        store.openOrBuild(dir, Corpus.WORDNET, TINY).close();
        // killed while writing the marker: only its temporary copy exists
        Files.move(dir.resolve(IndexMetadata.FILE_NAME), dir.resolve(IndexMetadata.FILE_NAME + ".tmp"));

        try (SearchIndex index = store.openOrBuild(dir, Corpus.WORDNET, TINY)) {
            assertThat(index.reader().numDocs()).isEqualTo(40);
        }
        assertThat(log()).contains("the build did not finish");
        assertThat(dir.resolve(IndexMetadata.FILE_NAME + ".tmp")).doesNotExist();
    }

    @Test
    void openOrBuild_buildDirectoriesOfDeadProcesses_areRemoved() throws Exception {
        Path dir = temp.resolve("wordnet-40");
        long deadPid = deadProcessPid();
        Path sameSlice = halfBuilt(temp.resolve("wordnet-40.building-" + deadPid));
        Path otherSlice = halfBuilt(temp.resolve("wordnet-all.building-" + deadPid));
        Path keywordIndex = halfBuilt(temp.resolve("wordnet-40" + IndexStore.KEYWORDS_SUFFIX + ".building-" + deadPid));

        store.openOrBuild(dir, Corpus.WORDNET, TINY).close();

        assertThat(sameSlice).doesNotExist();
        assertThat(otherSlice).doesNotExist();
        assertThat(keywordIndex).as("a killed server's keyword index").doesNotExist();
        assertThat(log()).contains("removing " + sameSlice.toAbsolutePath(), "which is no longer running");
        assertThat(buildDirectories()).isEmpty();
    }

    @Test
    void openOrBuild_buildDirectoryOfALiveProcess_isKept() throws Exception {
        Process live = new ProcessBuilder("sleep", "60").start();
        try {
            Path building = halfBuilt(temp.resolve("wordnet-all.building-" + live.pid()));

            store.openOrBuild(temp.resolve("wordnet-40"), Corpus.WORDNET, TINY).close();

            assertThat(building).exists();
            assertThat(log()).doesNotContain("removing");
        } finally {
            live.destroyForcibly().waitFor();
        }
    }

    @Test
    void openOrBuild_buildDirectoryHoldingOtherFiles_isKept() throws Exception {
        Path building = temp.resolve("wordnet-all.building-" + deadProcessPid());
        Files.createDirectories(building);
        Files.writeString(building.resolve("thesis.txt"), "precious");

        store.openOrBuild(temp.resolve("wordnet-40"), Corpus.WORDNET, TINY).close();

        assertThat(building.resolve("thesis.txt")).hasContent("precious");
    }

    /**
     * A real build killed with SIGKILL while it writes: the next open removes its directory and
     * builds a complete index. Forks the demo's own CLI on this test class path.
     */
    @Test
    void killedBuild_rerunLeavesNoBuildDirectoryAndAnswersCorrectly() throws Exception {
        Path dir = temp.resolve("wordnet-2000");
        Process build = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.heapguard.demo.DemoMain",
                "index", "--limit", "2000", "--index-dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("build.log").toFile()).start();
        Path building = temp.resolve("wordnet-2000.building-" + build.pid());
        try {
            long deadline = System.nanoTime() + 120_000_000_000L;
            // kill it once it has written index files (the first flush), in the middle of the build
            while (!hasIndexFiles(building) && build.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(build.isAlive()).as("build still running when killed; its log: %s",
                    Files.readString(temp.resolve("build.log"))).isTrue();
        } finally {
            build.destroyForcibly().waitFor();
        }
        assertThat(building).as("the killed build's directory").exists();
        assertThat(dir).doesNotExist();

        try (SearchIndex index = store.openOrBuild(dir, Corpus.WORDNET, CorpusSlice.first(2000))) {
            assertThat(index.reader().numDocs()).isEqualTo(2000);
        }
        assertThat(buildDirectories()).isEmpty();
    }

    @Test
    void openForServing_completeCache_isServedWithoutABuild() throws IOException {
        Path dir = temp.resolve("idx");
        store.openOrBuild(dir, Corpus.WORDNET, TINY).close();
        log.reset();

        try (LiveIndex live = store.openForServing(dir, Corpus.WORDNET, TINY, BuildProgress.NONE)) {
            assertThat(live.readiness()).isEqualTo(VectorReadiness.ready(40));
            assertThat(live.settled()).isCompleted();
        }
        assertThat(log()).doesNotContain("indexing");
        assertThat(buildDirectories()).isEmpty();
    }

    @Test
    void openForServing_tornMetadata_servesKeywordsAndRebuildsBeforeVectorsAreReady() throws Exception {
        Path dir = temp.resolve("idx");
        store.openOrBuild(dir, Corpus.WORDNET, TINY).close();
        Files.delete(dir.resolve(IndexMetadata.FILE_NAME));

        try (LiveIndex live = store.openForServing(dir, Corpus.WORDNET, TINY, BuildProgress.NONE)) {
            assertThat(live.readiness().state()).isIn(VectorState.BUILDING, VectorState.READY);
            try (LiveIndex.Lease lease = live.acquire()) {
                assertThat(lease.index().reader().numDocs()).isEqualTo(40);
            }
            assertThat(live.settled().get(10, java.util.concurrent.TimeUnit.MINUTES).state()).isEqualTo(VectorState.READY);
            try (LiveIndex.Lease lease = live.acquire()) {
                assertThat(lease.index().hasVectors()).isTrue();
                assertThat(lease.index().dir()).isEqualTo(dir);
            }
        }
        assertThat(log()).contains("is unusable", "the build did not finish");
        assertThat(dir.resolve(IndexMetadata.FILE_NAME)).exists();
        assertThat(buildDirectories()).isEmpty();
    }

    private static boolean hasIndexFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("_"));
        }
    }

    private List<Path> buildDirectories() throws IOException {
        try (Stream<Path> files = Files.list(temp)) {
            return files.filter(p -> p.getFileName().toString().contains(".building-")).toList();
        }
    }

    /** A directory like the one a killed build leaves: some segment files, no metadata. */
    private static Path halfBuilt(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("_0.fdt"), new byte[1024]);
        Files.write(dir.resolve("write.lock"), new byte[0]);
        return dir;
    }

    /** The pid of a process that has exited. */
    private static long deadProcessPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    private static Path largestIndexFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().endsWith(".properties"))
                    .max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
    }
}
