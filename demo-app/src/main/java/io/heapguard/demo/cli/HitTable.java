package io.heapguard.demo.cli;

import io.heapguard.demo.search.SearchHit;
import io.heapguard.demo.search.SearchResult;

import java.io.PrintStream;
import java.util.Locale;

/** Prints a result page as a fixed-width table. */
final class HitTable {

    private static final int WORD_WIDTH_CHARS = 28;
    private static final int TEXT_WIDTH_CHARS = 70;

    private final PrintStream out;

    HitTable(PrintStream out) {
        this.out = out;
    }

    void print(SearchResult result) {
        out.printf(Locale.ROOT, "%s search for \"%s\": %d total, %d ms%n", result.mode(), result.query(),
                result.total(), result.tookMs());
        String format = "%5s  %8s  %-10s  %-" + WORD_WIDTH_CHARS + "s  %s%n";
        out.printf(Locale.ROOT, format, "rank", "score", "id", "word", "text");
        for (SearchHit hit : result.hits()) {
            out.printf(Locale.ROOT, format, hit.rank(), String.format(Locale.ROOT, "%.4f", hit.score()), hit.id(),
                    clip(hit.word(), WORD_WIDTH_CHARS), clip(hit.text(), TEXT_WIDTH_CHARS));
        }
        if (result.hits().isEmpty()) {
            out.println("(no hits)");
        }
    }

    private static String clip(String text, int width) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= width ? flat : flat.substring(0, width - 3) + "...";
    }
}
