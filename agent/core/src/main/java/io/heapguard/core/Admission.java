package io.heapguard.core;

import io.heapguard.MemoryGuardException.Reason;

/**
 * Outcome codes of one admission attempt. Plain ints so the hot path returns without allocating;
 * the reason and the numbers for the message are worked out only after a failure.
 */
final class Admission {

    static final int ADMITTED = 0;
    /** A zero-byte call: admitted, holds nothing (no slot, no bytes). */
    static final int ADMITTED_NOTHING = 1;
    static final int TOO_LARGE = 2;
    static final int OPERATION_CONCURRENCY = 3;
    static final int OPERATION_BYTES = 4;
    /** The budget or the priority's ceiling below it; which one is decided after the failure. */
    static final int BUDGET = 5;
    static final int FAULT_INJECTED = 6;
    /** Not tried: others are waiting, so the caller queues behind them. */
    static final int QUEUED = 7;

    private Admission() {
    }

    static boolean mayWait(int status) {
        return status == OPERATION_CONCURRENCY || status == OPERATION_BYTES || status == BUDGET || status == QUEUED;
    }
}
