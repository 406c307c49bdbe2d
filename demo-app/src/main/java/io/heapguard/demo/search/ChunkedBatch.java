package io.heapguard.demo.search;

import io.heapguard.MemoryGuardException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Serves a batch that the guard refused whole, in chunks: the refused range is halved and each half
 * tried as a guarded call of its own, in order, down to single entries. An entry refused alone is
 * tried once more by a call that waits for memory (its guard queues it, first come first served),
 * while the batch's wait allowance lasts; refused again, or after the allowance, it is reported as
 * not served. So under memory pressure a large batch degrades to the part that fits instead of a
 * 429 for all of it, and under sustained pressure (slow readers holding memory the guard must
 * count) it is served entry by entry as memory frees, for a bounded time.
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

    /** The guarded calls a chunk can be served by. */
    record Calls(Call immediate, Call waiting) {
    }

    private final BatchRequest request;
    private final Function<BatchRequest, BatchPlan> planner;
    private final Calls calls;
    private final Skip skip;
    private final LongSupplier nanoClock;
    private final long waitUntilNanos;
    private final List<BatchOutcome.NotServed> notServed = new ArrayList<>();
    private int callCount;

    private ChunkedBatch(BatchRequest request, Function<BatchRequest, BatchPlan> planner, Calls calls, Skip skip,
                         Duration waitAllowance, LongSupplier nanoClock) {
        this.request = request;
        this.planner = planner;
        this.calls = calls;
        this.skip = skip;
        this.nanoClock = nanoClock;
        this.waitUntilNanos = nanoClock.getAsLong() + waitAllowance.toNanos();
    }

    /**
     * Serves {@code request} (already refused whole) as its two halves, each halved again while
     * refused; {@code planner} looks each chunk up in the caches just before its call. Entries
     * refused alone are retried by {@code calls.waiting()} until {@code waitAllowance} has passed
     * since this call began.
     */
    static BatchOutcome serveInHalves(BatchRequest request, Function<BatchRequest, BatchPlan> planner, Calls calls,
                                      Skip skip, Duration waitAllowance, LongSupplier nanoClock) throws IOException {
        ChunkedBatch batch = new ChunkedBatch(request, planner, calls, skip, waitAllowance, nanoClock);
        batch.split(0, request.size());
        return new BatchOutcome(batch.notServed, batch.callCount);
    }

    private void serve(int from, int to) throws IOException {
        MemoryGuardException rejected = tryCall(calls.immediate(), from, to);
        if (rejected == null) {
            return;
        }
        if (to - from > 1) {
            split(from, to);
            return;
        }
        if (nanoClock.getAsLong() - waitUntilNanos < 0) {
            rejected = tryCall(calls.waiting(), from, to);
            if (rejected == null) {
                return;
            }
        }
        BatchOutcome.NotServed entry = new BatchOutcome.NotServed(from, request.entry(from).query(), rejected);
        notServed.add(entry);
        skip.notServed(entry);
    }

    /** Runs one guarded call for entries {@code [from, to)}; its rejection, or null when it ran. */
    private MemoryGuardException tryCall(Call call, int from, int to) throws IOException {
        callCount++;
        try {
            call.run(planner.apply(request.slice(from, to)));
            return null;
        } catch (MemoryGuardException rejected) {
            return rejected;
        }
    }

    private void split(int from, int to) throws IOException {
        int middle = (from + to) >>> 1;
        serve(from, middle);
        serve(middle, to);
    }
}
