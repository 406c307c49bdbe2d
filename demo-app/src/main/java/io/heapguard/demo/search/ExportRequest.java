package io.heapguard.demo.search;

/** Export every document matching a keyword query (Lucene syntax), with its stored text. */
public record ExportRequest(String query) {

    public ExportRequest {
        query = Validation.queryText("q", query);
    }
}
