package io.heapguard.demo.search;

import io.heapguard.MemoryGuardException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Serves a batch that the guard refused whole, in chunks: the refused range is halved and each half
 * tried as a guarded call of its own, in order, down to single entries; an entry refused even alone
 * is reported as not served. So under memory pressure a large batch degrades to the part that fits
 * instead of a 429 for all of it.
 *
 * <p>Chunks run strictly in entry order, so each chunk's call can write its results straight to
 * the answer ({@link ChunkedBatchJson}) and nothing of it is held after its call.
 */
final class ChunkedBatch {

    /** One guarded call for a chunk: runs and delivers it, or throws the guard's rejection. */
    @FunctionalInterface
    interface Call {
        void run(BatchPlan chunk) throws IOException;
    }

    /** Told, in entry order, of each entry that will not be served. */
    @FunctionalInterface
    interface Skip {
        void notServed(BatchOutcome.NotServed entry) throws IOException;
    }

    private final BatchRequest request;
    private final Function<BatchRequest, BatchPlan> planner;
    private final Call call;
    private final Skip skip;
    private final List<BatchOutcome.NotServed> notServed = new ArrayList<>();
    private int calls;

    private ChunkedBatch(BatchRequest request, Function<BatchRequest, BatchPlan> planner, Call call, Skip skip) {
        this.request = request;
        this.planner = planner;
        this.call = call;
        this.skip = skip;
    }

    /**
     * Serves {@code request} (already refused whole) as its two halves, each halved again while
     * refused; {@code planner} looks each chunk up in the caches just before its call.
     */
    static BatchOutcome serveInHalves(BatchRequest request, Function<BatchRequest, BatchPlan> planner, Call call, Skip skip)
            throws IOException {
        ChunkedBatch batch = new ChunkedBatch(request, planner, call, skip);
        batch.split(0, request.size());
        return new BatchOutcome(batch.notServed, batch.calls);
    }

    private void serve(int from, int to) throws IOException {
        try {
            calls++;
            call.run(planner.apply(request.slice(from, to)));
        } catch (MemoryGuardException rejected) {
            if (to - from > 1) {
                split(from, to);
                return;
            }
            BatchOutcome.NotServed entry = new BatchOutcome.NotServed(from, request.entry(from).query(), rejected);
            notServed.add(entry);
            skip.notServed(entry);
        }
    }

    private void split(int from, int to) throws IOException {
        int middle = (from + to) >>> 1;
        serve(from, middle);
        serve(middle, to);
    }
}
