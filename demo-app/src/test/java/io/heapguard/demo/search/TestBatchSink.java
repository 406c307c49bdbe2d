package io.heapguard.demo.search;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Batch sinks for tests that call batches without the agent, so a batch is always served whole. */
final class TestBatchSink {

    private TestBatchSink() {
    }

    /** Collects a whole batch's results. */
    static BatchSink into(List<SearchResult> results) {
        return new BatchSink() {
            @Override
            public void accept(List<SearchResult> served) {
                results.addAll(served);
            }

            @Override
            public OutputStream openStream() {
                throw new AssertionError("without the agent a batch is never refused whole, so never chunked");
            }
        };
    }

    /** Serialises a whole batch as the HTTP path does. */
    static BatchSink serializing() {
        return new BatchSink() {
            @Override
            public void accept(List<SearchResult> served) throws IOException {
                ResultJson.serializeBatch(served);
            }

            @Override
            public OutputStream openStream() {
                throw new AssertionError("without the agent a batch is never refused whole, so never chunked");
            }
        };
    }
}
