package io.heapguard.demo.search;

import io.heapguard.MemoryGuardException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Serves a batch that the guard refused whole, in chunks: the refused range is halved and each half
 * tried as a guarded call of its own, in order, down to single entries; an entry refused even alone
 * is reported as not served. So under memory pressure a large batch degrades to the part that fits
 * instead of a 429 for all of it.
 *
 * <p>The pages of the served chunks are held until the response is written; each chunk's estimate
 * covered them only during its call. They are the small part (a page per entry); what a search
 * allocates on the way is garbage once its chunk returns.
 */
final class ChunkedBatch {

    /** One guarded call for a chunk: returns its results, or throws the guard's rejection. */
    @FunctionalInterface
    interface Call {
        List<SearchResult> run(BatchPlan chunk) throws IOException;
    }

    private final BatchRequest request;
    private final Function<BatchRequest, BatchPlan> planner;
    private final Call call;
    private final SearchResult[] results;
    private final List<BatchOutcome.NotServed> notServed = new ArrayList<>();
    private int calls;

    private ChunkedBatch(BatchRequest request, Function<BatchRequest, BatchPlan> planner, Call call) {
        this.request = request;
        this.planner = planner;
        this.call = call;
        this.results = new SearchResult[request.size()];
    }

    /**
     * Serves {@code request} (already refused whole) as its two halves, each halved again while
     * refused; {@code planner} looks each chunk up in the caches just before its call.
     */
    static BatchOutcome serveInHalves(BatchRequest request, Function<BatchRequest, BatchPlan> planner, Call call)
            throws IOException {
        ChunkedBatch batch = new ChunkedBatch(request, planner, call);
        batch.split(0, request.size());
        return new BatchOutcome(Arrays.asList(batch.results), batch.notServed, batch.calls);
    }

    private void serve(int from, int to) throws IOException {
        List<SearchResult> served;
        try {
            calls++;
            served = call.run(planner.apply(request.slice(from, to)));
        } catch (MemoryGuardException rejected) {
            if (to - from == 1) {
                notServed.add(new BatchOutcome.NotServed(from, request.entry(from).query(), rejected));
            } else {
                split(from, to);
            }
            return;
        }
        for (int i = 0; i < served.size(); i++) {
            results[from + i] = served.get(i);
        }
    }

    private void split(int from, int to) throws IOException {
        int middle = (from + to) >>> 1;
        serve(from, middle);
        serve(middle, to);
    }
}
