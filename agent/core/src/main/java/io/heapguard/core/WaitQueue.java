package io.heapguard.core;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Callers waiting for memory, first come first served: only the head of the queue tries to get
 * admitted; when it leaves (admitted, timed out or interrupted) it wakes the next one. Releases
 * and new GC figures wake the head. Nobody waits past its deadline.
 *
 * <p>Callers that do not wait (maxWaitMillis 0) are not queued and may get memory before a waiter.
 */
final class WaitQueue {

    /** Upper bound on one park, so a head also notices budget changes nobody signalled. */
    private static final long RECHECK_NANOS = 50_000_000L;

    private final Queue<Thread> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();

    /** One volatile read: cheap enough for every release. */
    boolean hasWaiters() {
        return waiting.get() > 0;
    }

    int size() {
        return waiting.get();
    }

    void wakeHead() {
        Thread head = queue.peek();
        if (head != null) {
            LockSupport.unpark(head);
        }
    }

    /**
     * Waits for this thread's turn, then runs {@code attempt} until it admits the call, or the deadline
     * passes, or the thread is interrupted (its interrupt flag is kept).
     *
     * @param lastStatus the outcome to report if the thread never gets a turn
     * @return the last outcome seen: admitted, or the refusal that was still in force
     */
    Admission await(Supplier<Admission> attempt, Admission lastStatus, long deadlineNanos) {
        Thread me = Thread.currentThread();
        waiting.incrementAndGet();
        queue.add(me);
        Admission status = lastStatus;
        try {
            for (;;) {
                if (queue.peek() == me) {
                    status = attempt.get();
                    if (status.isAdmitted()) {
                        return status;
                    }
                }
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0 || me.isInterrupted()) {
                    return status;
                }
                LockSupport.parkNanos(this, Math.min(remaining, RECHECK_NANOS));
            }
        } finally {
            queue.remove(me);
            waiting.decrementAndGet();
            wakeHead();
        }
    }
}
