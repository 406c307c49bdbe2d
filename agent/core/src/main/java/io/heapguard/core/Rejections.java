package io.heapguard.core;

import static io.heapguard.MemoryGuardException.humanBytes;

import io.heapguard.MemoryGuardException;
import io.heapguard.MemoryGuardException.Reason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Builds the exception for a failed admission: the reason, the numbers and a message that explains them. */
final class Rejections {

    private static final int TOP_CONSUMERS = 3;

    private final GuardConfig config;
    private final Budget budget;
    private final Ceilings ceilings;

    Rejections(GuardConfig config, Budget budget, Ceilings ceilings) {
        this.config = config;
        this.budget = budget;
        this.ceilings = ceilings;
    }

    /**
     * The reason a refusal stands for, judged against the budget as it is now.
     *
     * @throws IllegalArgumentException for an outcome that admitted the call
     */
    Reason reasonOf(Admission status, long bytes, int priority) {
        return switch (status) {
            case TOO_LARGE -> Reason.ALLOCATION_TOO_LARGE;
            case OPERATION_CONCURRENCY -> Reason.CONCURRENCY_LIMIT;
            // the operation's own byte budget: memory, with the operation's numbers in the exception
            case OPERATION_BYTES -> Reason.INSUFFICIENT_MEMORY;
            case BUDGET -> budget.usedBytes() + bytes > budget.maxHeapBytes()
                    || ceilings.forPriority(priority) == budget.maxHeapBytes()
                    ? Reason.INSUFFICIENT_MEMORY : Reason.MEMORY_PRESSURE_TOO_HIGH;
            case FAULT_INJECTED -> Reason.FAULT_INJECTED;
            // never got a turn: queued behind callers that wait for memory
            case QUEUED -> Reason.INSUFFICIENT_MEMORY;
            case ADMITTED, ADMITTED_NOTHING -> throw notARefusal(status);
        };
    }

    private static IllegalArgumentException notARefusal(Admission status) {
        return new IllegalArgumentException(status + " admitted the call: there is no reason to report");
    }

    MemoryGuardException rejection(Admission status, OperationHandle op, long bytes, int priority,
                                   Collection<OperationHandle> operations) {
        Reason reason = reasonOf(status, bytes, priority);
        return build(reason, status, op, bytes, priority, operations, "");
    }

    MemoryGuardException waitTimedOut(Admission lastStatus, OperationHandle op, long bytes, int priority,
                                      Collection<OperationHandle> operations, long maxWaitMillis) {
        String waited = "waited " + maxWaitMillis + " ms, still " + reasonOf(lastStatus, bytes, priority) + ": ";
        return build(Reason.WAIT_TIMED_OUT, lastStatus, op, bytes, priority, operations, waited);
    }

    private MemoryGuardException build(Reason reason, Admission status, OperationHandle op, long bytes, int priority,
                                       Collection<OperationHandle> operations, String prefix) {
        long maxHeap = budget.maxHeapBytes();
        long used = budget.usedBytes();
        return switch (status) {
            case TOO_LARGE -> new MemoryGuardException(reason, op.name(), bytes, op.perCallLimitBytes(),
                    op.perCallLimitBytes(), prefix + "the estimate is above the per-call limit of '" + op.name()
                    + "' (maxPerCall " + humanBytes(config.maxPerCallBytes()) + perOperation(op) + "); it can never be admitted");
            case OPERATION_CONCURRENCY -> new MemoryGuardException(reason, op.name(), bytes, 0,
                    op.maxInFlightBytes() == OperationHandle.UNLIMITED ? maxHeap : op.maxInFlightBytes(),
                    prefix + "operation '" + op.name() + "' is at maxConcurrent " + op.maxConcurrent() + " calls in flight");
            case OPERATION_BYTES -> new MemoryGuardException(reason, op.name(), bytes,
                    Math.max(0, op.maxInFlightBytes() - op.reservedBytes()), op.maxInFlightBytes(),
                    prefix + "operation '" + op.name() + "' has " + humanBytes(op.reservedBytes())
                            + " in flight of its maxInFlight " + humanBytes(op.maxInFlightBytes()));
            case FAULT_INJECTED -> new MemoryGuardException(reason, op.name(), bytes, Math.max(0, maxHeap - used),
                    maxHeap, prefix + "fault injection (fault.rejectProbability " + config.faultRejectProbability()
                    + "): refused at random to test the application's handling, not for want of memory");
            case BUDGET, QUEUED -> budgetRejection(reason, op, bytes, priority, operations, prefix, used);
            case ADMITTED, ADMITTED_NOTHING -> throw notARefusal(status);
        };
    }

    private MemoryGuardException budgetRejection(Reason reason, OperationHandle op, long bytes, int priority,
                                                 Collection<OperationHandle> operations, String prefix, long used) {
        long maxHeap = budget.maxHeapBytes();
        String usage = "live heap after GC " + humanBytes(budget.liveAfterGcBytes())
                + " (less " + humanBytes(budget.reservedAtLastGcBytes()) + " reserved at that GC) + reserved "
                + humanBytes(budget.reservedBytes()) + " = " + percent(used, maxHeap) + " of maxHeap " + humanBytes(maxHeap);
        boolean pressure = reason == Reason.MEMORY_PRESSURE_TOO_HIGH
                || (reason == Reason.WAIT_TIMED_OUT && ceilings.forPriority(priority) < maxHeap
                && used + bytes <= maxHeap);
        if (pressure) {
            long ceiling = ceilings.forPriority(priority);
            return new MemoryGuardException(reason, op.name(), bytes, Math.max(0, ceiling - used), ceiling,
                    prefix + "pressure too high for priority " + priority + " (calls of this priority are shed above "
                            + percent(ceiling, maxHeap) + " of maxHeap); " + usage);
        }
        return new MemoryGuardException(reason, op.name(), bytes, Math.max(0, maxHeap - used), maxHeap,
                prefix + usage + "; top consumers: " + topConsumers(operations));
    }

    private String perOperation(OperationHandle op) {
        GuardConfig.OperationLimits limits = config.operation(op.name());
        StringBuilder s = new StringBuilder();
        if (limits.maxPerCallBytes() > 0) {
            s.append(", operations.").append(op.name()).append(".maxPerCall ").append(humanBytes(limits.maxPerCallBytes()));
        }
        if (limits.maxInFlightBytes() > 0) {
            s.append(", operations.").append(op.name()).append(".maxInFlight ").append(humanBytes(limits.maxInFlightBytes()));
        }
        return s.toString();
    }

    /** Up to three operations holding the most bytes, e.g. {@code search 40.0 MiB, export 8.0 MiB}. */
    static String topConsumers(Collection<OperationHandle> operations) {
        List<OperationHandle> holding = new ArrayList<>();
        for (OperationHandle op : operations) {
            if (op.reservedBytes() > 0) {
                holding.add(op);
            }
        }
        if (holding.isEmpty()) {
            return "none (nothing reserved; the live heap itself is too high)";
        }
        holding.sort(Comparator.comparingLong(OperationHandle::reservedBytes).reversed());
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(TOP_CONSUMERS, holding.size()); i++) {
            OperationHandle op = holding.get(i);
            s.append(i == 0 ? "" : ", ").append(op.name()).append(' ').append(humanBytes(op.reservedBytes()));
        }
        return s.toString();
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
