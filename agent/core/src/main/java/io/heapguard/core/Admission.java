package io.heapguard.core;

/**
 * The outcome of one admission attempt. Returned by the hot path as a constant (no allocation); the
 * reason, the numbers and the message are worked out from it only after a failure
 * ({@link Rejections}). Switches over it are exhaustive, with no {@code default}: a new outcome does
 * not compile until every place has decided what it means.
 */
enum Admission {

    /** Admitted: the bytes are reserved in the operation and the budget. */
    ADMITTED(true, false),
    /** A zero-byte call: admitted, holds nothing (no slot, no bytes). */
    ADMITTED_NOTHING(true, false),
    /** Above the per-call limit (overall or the operation's): it can never fit, so waiting is pointless. */
    TOO_LARGE(false, false),
    /** The operation is at {@code operations.<op>.maxConcurrent} calls in flight. */
    OPERATION_CONCURRENCY(false, true),
    /** The operation is at {@code operations.<op>.maxInFlight} bytes in flight. */
    OPERATION_BYTES(false, true),
    /** The budget or the priority's ceiling below it; which one is decided after the failure. */
    BUDGET(false, true),
    /** Refused by {@code fault.rejectProbability}, not by any limit. */
    FAULT_INJECTED(false, false),
    /** Not tried: others are waiting for memory, so the caller queues behind them. */
    QUEUED(false, true);

    private final boolean admitted;
    private final boolean mayWait;

    Admission(boolean admitted, boolean mayWait) {
        this.admitted = admitted;
        this.mayWait = mayWait;
    }

    /** Whether the call may run ({@link #ADMITTED} or {@link #ADMITTED_NOTHING}). */
    boolean isAdmitted() {
        return admitted;
    }

    /** Whether a caller allowed to wait should queue for this refusal: something it waits for may free up. */
    boolean mayWait() {
        return mayWait;
    }
}
