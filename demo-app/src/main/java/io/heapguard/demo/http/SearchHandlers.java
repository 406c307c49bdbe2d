package io.heapguard.demo.http;

import com.sun.net.httpserver.HttpExchange;
import io.heapguard.demo.search.BadRequestException;
import io.heapguard.demo.search.BatchRequest;
import io.heapguard.demo.search.BatchSink;
import io.heapguard.demo.search.ExportRequest;
import io.heapguard.demo.search.GuardedSearch;
import io.heapguard.demo.search.RequestLimits;
import io.heapguard.demo.search.ResultJson;
import io.heapguard.demo.search.SearchMode;
import io.heapguard.demo.search.SearchRequest;
import io.heapguard.demo.search.SearchResult;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** The endpoints that search: each validates its input, then calls one guarded method. */
final class SearchHandlers {

    private SearchHandlers() {
    }

    /** {@code GET /search?q=&mode=&k=&offset=&edits=} */
    static final class Search extends ApiHandler {
        private static final List<String> PARAMS = List.of("q", "mode", "k", "offset", "edits");
        private final GuardedSearch search;

        Search(GuardedSearch search) {
            super(Endpoints.SEARCH, "GET");
            this.search = search;
        }

        @Override
        void serve(HttpExchange exchange, Responder responder) throws IOException {
            SearchRequest request = parse(exchange.getRequestURI().getRawQuery());
            search.search(request, result -> responder.send(200, ResultJson.serialize(result)));
        }

        /** The request a query string asks for (the fuzz test reads it through here too). */
        static SearchRequest parse(String rawQuery) {
            QueryParams params = QueryParams.parse(rawQuery, PARAMS);
            return new SearchRequest(
                    SearchMode.parse("mode", params.string("mode", "keyword")),
                    params.string("q", null),
                    params.integer("k", RequestLimits.DEFAULT_K),
                    params.integer("offset", 0),
                    params.integer("edits", RequestLimits.DEFAULT_EDITS));
        }
    }

    /** {@code POST /search/batch} with a JSON body. */
    static final class Batch extends ApiHandler {
        private final GuardedSearch search;

        Batch(GuardedSearch search) {
            super(Endpoints.BATCH, "POST");
            this.search = search;
        }

        @Override
        void serve(HttpExchange exchange, Responder responder) throws IOException {
            QueryParams.parse(exchange.getRequestURI().getRawQuery(), List.of());
            BatchRequest request = BatchBodyParser.parse(RequestBody.read(exchange));
            search.batch(request, new BatchSink() {
                @Override
                public void accept(List<SearchResult> results) throws IOException {
                    responder.send(200, ResultJson.serializeBatch(results));
                }

                @Override
                public OutputStream openStream() throws IOException {
                    return responder.stream(200, Responder.JSON);
                }
            });
        }
    }

    /** {@code GET /export?q=}: every match, streamed as JSON lines. */
    static final class Export extends ApiHandler {
        private static final List<String> PARAMS = List.of("q");
        private final GuardedSearch search;

        Export(GuardedSearch search) {
            super(Endpoints.EXPORT, "GET");
            this.search = search;
        }

        @Override
        void serve(HttpExchange exchange, Responder responder) throws IOException {
            QueryParams params = QueryParams.parse(exchange.getRequestURI().getRawQuery(), PARAMS);
            ExportRequest request = new ExportRequest(params.string("q", null));
            search.export(request, search.corpus(), () -> responder.stream(200, Responder.JSON_LINES));
        }
    }
}
