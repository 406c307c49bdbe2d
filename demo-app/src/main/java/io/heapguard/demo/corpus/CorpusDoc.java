package io.heapguard.demo.corpus;

import java.util.Objects;

/**
 * One document of a corpus.
 *
 * @param id   stable identifier ({@code n02132256} for a WordNet synset, {@code europarl-42} for a line)
 * @param word the headword(s) or title
 * @param text the body: a WordNet gloss or a Europarl speech
 */
public record CorpusDoc(String id, String word, String text) {

    public CorpusDoc {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(word, "word");
        Objects.requireNonNull(text, "text");
    }

    /** What the embedding model reads: headword and text, as a dictionary entry would read. */
    public String embeddingText() {
        return word.isEmpty() ? text : word + ": " + text;
    }
}
