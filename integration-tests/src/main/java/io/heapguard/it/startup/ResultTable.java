package io.heapguard.it.startup;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of cells rendered as markdown (for the report file) or as aligned text (for the console).
 * Numbers are right-aligned in the text form so columns of milliseconds line up by their digits.
 */
final class ResultTable {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    ResultTable(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    void addRow(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, table has " + headers.size()
                    + " columns " + headers + ": " + cells);
        }
        rows.add(List.copyOf(cells));
    }

    String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("| ").append(String.join(" | ", headers)).append(" |\n|");
        for (int c = 0; c < headers.size(); c++) {
            md.append(c < 2 ? "---|" : "---:|"); // variant and measure read left to right, numbers align right
        }
        md.append('\n');
        rows.forEach(r -> md.append("| ").append(String.join(" | ", r)).append(" |\n"));
        return md.toString();
    }

    String toText() {
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

    private static void appendLine(StringBuilder text, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String pad = " ".repeat(widths[c] - cells.get(c).length());
            line.append(c < 2 ? cells.get(c) + pad : pad + cells.get(c)).append("  ");
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}
