package io.heapguard.demo.index;

import io.heapguard.demo.corpus.CorpusDoc;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The served index's switch: once, under running searches, never closing an index a search holds. */
class LiveIndexTest {

    private static final List<CorpusDoc> DOCS = List.of(
            new CorpusDoc("n1", "tiger", "large feline of forests"),
            new CorpusDoc("n2", "piano", "a keyboard instrument"));

    @TempDir
    Path temp;

    /** A real text-only index; {@code hasVectors} only labels it (the switch does not read vectors). */
    private SearchIndex index(String name, boolean hasVectors) throws IOException {
        Path dir = temp.resolve(name);
        CorpusStats stats = IndexBuilder.buildKeywords(DOCS, dir);
        FSDirectory directory = FSDirectory.open(dir);
        return new SearchIndex(dir, directory, DirectoryReader.open(directory), stats, hasVectors,
                () -> IndexStore.deleteRecursively(dir));
    }

    @Test
    void switchTo_servesTheCompleteIndex_andRemovesTheKeywordIndexAfterItsLastSearch() throws IOException {
        SearchIndex keywords = index("keywords", false);
        SearchIndex complete = index("complete", true);
        LiveIndex live = LiveIndex.keywordsOnly(keywords, DOCS.size());
        live.progress(1);
        assertThat(live.readiness().docsDone()).isEqualTo(1);

        LiveIndex.Lease running = live.acquire();
        assertThat(running.index()).isSameAs(keywords);
        live.switchTo(complete);

        assertThat(live.readiness().state()).isEqualTo(VectorState.READY);
        assertThat(live.settled()).isCompletedWithValue(VectorReadiness.ready(DOCS.size()));
        try (LiveIndex.Lease next = live.acquire()) {
            assertThat(next.index()).isSameAs(complete);
        }
        // the search that started on the keyword index still reads it
        assertThat(running.index().reader().storedFields().document(0).get(IndexFields.WORD)).isEqualTo("tiger");
        assertThat(keywords.dir()).exists();
        running.close();
        assertThat(keywords.dir()).doesNotExist();
        live.close();
        assertThat(complete.dir()).doesNotExist();
    }

    @Test
    void switchTo_happensOnce_andNeverToAnIndexWithoutVectors() throws IOException {
        LiveIndex live = LiveIndex.keywordsOnly(index("keywords", false), DOCS.size());
        assertThatThrownBy(() -> live.switchTo(index("text-only", false))).isInstanceOf(IllegalArgumentException.class);
        live.switchTo(index("complete", true));
        SearchIndex second = index("second", true);
        assertThatThrownBy(() -> live.switchTo(second)).isInstanceOf(IllegalStateException.class);
        second.close();
        live.close();
    }

    @Test
    void fail_keepsTheKeywordIndexServing() throws IOException {
        SearchIndex keywords = index("keywords", false);
        LiveIndex live = LiveIndex.keywordsOnly(keywords, DOCS.size());
        live.fail(new IOException("disk full"));

        assertThat(live.readiness().state()).isEqualTo(VectorState.FAILED);
        assertThat(live.readiness().failure()).isEqualTo("IOException: disk full");
        try (LiveIndex.Lease lease = live.acquire()) {
            assertThat(lease.index()).isSameAs(keywords);
        }
        live.close();
    }

    @Test
    void close_stopsTheBuildAtItsNextProgress_andRemovesTheKeywordIndex() throws IOException {
        SearchIndex keywords = index("keywords", false);
        LiveIndex live = LiveIndex.keywordsOnly(keywords, DOCS.size());
        live.close();

        assertThatThrownBy(() -> live.progress(1)).isInstanceOf(CancellationException.class);
        assertThatThrownBy(live::acquire).isInstanceOf(IllegalStateException.class);
        assertThat(keywords.dir()).doesNotExist();
        assertThat(live.settled()).isCompletedExceptionally();
    }

    @Test
    void completeIndex_isOnlyGivenOutWhenNeverReplaced() throws IOException {
        LiveIndex live = LiveIndex.keywordsOnly(index("keywords", false), DOCS.size());
        assertThatThrownBy(live::completeIndex).isInstanceOf(IllegalStateException.class);
        live.close();
        SearchIndex complete = index("complete", true);
        try (LiveIndex fixed = LiveIndex.complete(complete)) {
            assertThat(fixed.completeIndex()).isSameAs(complete);
        }
    }
}
