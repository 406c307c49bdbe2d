package io.heapguard.it.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of cells rendered as markdown (report files) or as aligned plain text (console). The first
 * {@code textColumns} columns are text and align left; the others are numbers and align right, so
 * columns of figures line up by their digits.
 */
public final class TextTable {

    private final List<String> headers;
    private final int textColumns;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table whose columns all align left. */
    public TextTable(List<String> headers) {
        this(headers, headers.size());
    }

    public TextTable(List<String> headers, int textColumns) {
        if (textColumns < 0 || textColumns > headers.size()) {
            throw new IllegalArgumentException("textColumns must be 0.." + headers.size() + ", was " + textColumns);
        }
        this.headers = List.copyOf(headers);
        this.textColumns = textColumns;
    }

    public void addRow(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, table has " + headers.size()
                    + " columns " + headers + ": " + cells);
        }
        rows.add(List.copyOf(cells));
    }

    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("| ").append(String.join(" | ", headers)).append(" |\n|");
        for (int c = 0; c < headers.size(); c++) {
            md.append(c < textColumns ? "---|" : "---:|");
        }
        md.append('\n');
        rows.forEach(r -> md.append("| ").append(String.join(" | ", r)).append(" |\n"));
        return md.toString();
    }

    public String toText() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder text = new StringBuilder();
        appendLine(text, headers, widths);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        appendLine(text, rule, widths);
        rows.forEach(r -> appendLine(text, r, widths));
        return text.toString();
    }

    private void appendLine(StringBuilder text, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String pad = " ".repeat(widths[c] - cells.get(c).length());
            line.append(c < textColumns ? cells.get(c) + pad : pad + cells.get(c)).append("  ");
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}
