package io.heapguard.demo.corpus;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The corpora are read from the jars on the class path, exactly. */
class CorpusTest {

    @Test
    void wordnetLine_parsesIdWordsAndGloss() throws IOException {
        CorpusDoc doc = WordNetReader.parse("02132256 05 n 02 tiger 0 Panthera_tigris 0 002 @ 02131653 n 0000 "
                + "| large feline of forests in most of Asia having a tawny coat with black stripes; endangered  ", "t");

        assertThat(doc.id()).isEqualTo("n02132256");
        assertThat(doc.word()).isEqualTo("tiger, Panthera tigris");
        assertThat(doc.text()).startsWith("large feline").endsWith("endangered");
    }

    @Test
    void wordnetLine_withoutGloss_isAnErrorNamingTheFile() {
        assertThatThrownBy(() -> WordNetReader.parse("02132256 05 n 02 tiger 0", "data.noun"))
                .hasMessageContaining("data.noun").hasMessageContaining("no gloss");
    }

    @Test
    void wordnet_firstDocs_startWithEntity() throws IOException {
        List<CorpusDoc> docs = new ArrayList<>();
        Corpus.WORDNET.read(CorpusSlice.first(3), docs::add);

        assertThat(docs).hasSize(3);
        assertThat(docs.get(0).id()).isEqualTo("n00001740");
        assertThat(docs.get(0).word()).isEqualTo("entity");
    }

    @Test
    void wordnet_sliceWithIncludeWords_addsLaterSynsets() throws IOException {
        List<CorpusDoc> docs = new ArrayList<>();
        Corpus.WORDNET.read(new CorpusSlice(10, Set.of("tiger")), docs::add);

        assertThat(docs).hasSizeGreaterThan(10);
        assertThat(docs.subList(10, docs.size())).allSatisfy(doc -> assertThat(doc.word().toLowerCase()).contains("tiger"));
        assertThat(docs).anySatisfy(doc -> assertThat(doc.id()).isEqualTo("n02132256"));
    }

    @Test
    void wordnet_commonSlice_holdsTheTaggedSensesTheDemoShows() throws IOException {
        List<CorpusDoc> docs = new ArrayList<>();
        Corpus.WORDNET.read(CorpusSlice.common(), docs::add);

        // the synsets with a SemCor tag count > 0 in index.sense, of every part of speech
        assertThat(docs).hasSize(27_210);
        assertThat(docs).extracting(CorpusDoc::id).contains(
                "n02132256", // tiger, the big cat
                "n02506148", // elephant
                "n07451075", // eruption, volcanic eruption
                "n09493680") // volcano
                .anyMatch(id -> id.startsWith("v")).anyMatch(id -> id.startsWith("a")).anyMatch(id -> id.startsWith("r"));
        assertThat(CorpusSlice.common().label()).isEqualTo("common");
    }

    @Test
    void europarl_firstDocs_haveTitleAndBody() throws IOException {
        List<CorpusDoc> docs = new ArrayList<>();
        Corpus.EUROPARL.read(CorpusSlice.first(5), docs::add);

        assertThat(docs).hasSize(5);
        assertThat(docs).allSatisfy(doc -> {
            assertThat(doc.id()).startsWith("europarl-");
            assertThat(doc.text().length()).isGreaterThan(100);
        });
    }

    @Test
    void corpusName_unknown_namesTheAllowedValues() {
        assertThatThrownBy(() -> Corpus.fromCliName("wikipedia"))
                .hasMessage("unknown corpus 'wikipedia'; allowed: wordnet, europarl");
    }
}
