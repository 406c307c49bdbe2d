package io.heapguard.core;

import io.heapguard.GuardStats;
import io.heapguard.MemoryGuardException;
import io.heapguard.MemoryGuardException.Reason;
import io.heapguard.Reservation;
import io.heapguard.spi.GuardBackend;
import io.heapguard.core.stats.StatsJson;
import io.heapguard.core.stats.StatsSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * The guard core: admits or rejects memory-hungry calls before they run.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li><b>No overshoot.</b> Admission checks and reserves in one compare-and-set per counter
 *       (first the operation's calls and bytes, packed in one word, then the overall budget),
 *       rolling back the first when the second fails. Under any interleaving, reservations never exceed
 *       {@code maxHeap - baseline}, an operation's bytes never exceed its {@code maxInFlight} and its
 *       calls never exceed {@code maxConcurrent} (monitor mode only counts). Each counter starts on
 *       that exact compare-and-set; once threads collide on the budget (a compare-and-set lost to
 *       another thread), small woven calls well under every ceiling are admitted from per-thread
 *       credit that counts as reserved, and an operation without limits counts in per-thread
 *       stripes once threads collide on it. Near the ceilings, for calls without a {@link CallSlot}
 *       and for operations with limits, it stays the exact compare-and-set ({@link Budget},
 *       {@link OperationHandle}).</li>
 *   <li><b>The right signal.</b> {@code baseline} is the live heap after the last GC minus what was
 *       reserved at that GC (already inside that live heap); usage is {@code baseline + reserved}.
 *       Only a complete collection is evidence of what is live: a partial one (young, mixed) is an
 *       upper bound, confirmed by a complete collection before load is shed on it
 *       ({@link Budget}, {@link LiveHeapConfirmer}, docs/memory-signal.md). MXBeans and OSHI are
 *       read by the sampler thread and GC notifications, never per call.</li>
 *   <li><b>Cheap when admitted.</b> {@link #acquire} and {@link #release} of an admitted call do
 *       not allocate and take no lock; messages, top consumers and waits happen only after a
 *       failure.</li>
 *   <li><b>Released once.</b> Tracked reservations ({@link #reserve}, {@link #track}) are released
 *       exactly once: by close, or as a leak (held past {@code leakAge}, or collected unreleased).</li>
 *   <li><b>Never takes the host down.</b> An internal failure in {@link #acquire} admits the call
 *       with 0 bytes reserved and is counted ({@code failOpen=false}: rejects instead); hooks that
 *       throw are counted; every wait has a deadline; every guard thread is a daemon.</li>
 * </ul>
 *
 * <p>A call reserving 0 bytes (a zero estimate, or fail-open) holds nothing: no concurrency slot
 * and no bytes, so {@code release(op, 0, allocated)} only records the allocation.
 *
 * <h2>Priorities</h2>
 * Usage is counted with the call admitted. Priority &lt; 0 is shed above {@code criticalThreshold}
 * (without waiting for a cleanup); priority 0 above {@code cleanupThreshold}, after the refused call
 * triggered the cleanup hooks and waited for them (at most {@code cleanupWait}, and never past its
 * own maxWait); priority &gt; 0 is limited only by {@code maxHeap}. Shed calls get
 * {@code MEMORY_PRESSURE_TOO_HIGH}; calls over {@code maxHeap} get {@code INSUFFICIENT_MEMORY}.
 */
public final class HeapGuard implements GuardBackend, AutoCloseable {

    private final GuardConfig config;
    private final Ceilings ceilings;
    private final Budget budget;
    private final boolean monitor;
    private final double faultRejectProbability;
    private final double faultErrorProbability;
    private final ConcurrentMap<String, OperationHandle> operations = new ConcurrentHashMap<>();
    private final WaitQueue waiters = new WaitQueue();
    private final InternalLog log = new InternalLog();
    private final Rejections rejections;
    private final CleanupCoordinator cleanup;
    private final LeakTracker leaks;
    private final MemorySignal signal;
    private final ScheduledExecutorService sampler;
    /** See {@link #confirmWait}. */
    private static final Duration CONFIRM_WAIT = Duration.ofSeconds(1);
    private final LongAdder internalErrors = new LongAdder();
    private final LongAdder wouldReject = new LongAdder();
    /** Calls admitted on the last complete collection's figure because no confirmation could run in time. */
    private final LongAdder admittedUnconfirmed = new LongAdder();
    private final PressureTracker pressureTracker;
    private final LiveHeapConfirmer confirmer;
    /** Highest level reached, including the instant an admission crossed the cleanup threshold. */
    private final AtomicReference<Pressure> peakPressure = new AtomicReference<>(Pressure.NORMAL);
    private volatile MemorySample lastSample = MemorySample.UNKNOWN;
    private volatile boolean closed;
    private volatile boolean signalStarted;

    /**
     * @param nanoClock the one clock of decisions that depend on elapsed time (leak age, cleanup
     *        interval, confirmation rate, pressure calm), so tests can move it. A thread that blocks
     *        (a caller's {@code maxWaitMillis}, a wait for a confirmation or a cleanup) parks in real
     *        time, so its deadline is {@link System#nanoTime()}, never this clock.
     */
    HeapGuard(GuardConfig config, MemorySignal signal, LongSupplier nanoClock) {
        this.config = Objects.requireNonNull(config, "config");
        this.signal = Objects.requireNonNull(signal, "signal");
        this.ceilings = new Ceilings(config);
        this.budget = new Budget(config.maxHeapBytes(), ceilings.creditLimitBytes);
        this.monitor = config.monitorOnly();
        this.faultRejectProbability = config.faultRejectProbability();
        this.faultErrorProbability = config.faultErrorProbability();
        this.rejections = new Rejections(config, budget, ceilings);
        this.confirmer = new LiveHeapConfirmer(signal, this::onGcReading, this::onConfirmationUnavailable,
                nanoClock);
        this.cleanup = new CleanupCoordinator(config.cleanupInterval(), ceilings.cleanupBytes, budget, confirmer,
                nanoClock, log);
        this.pressureTracker = new PressureTracker(ceilings, nanoClock, log);
        this.leaks = new LeakTracker(this::releaseTracked, nanoClock, log);
        this.sampler = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("heapguard-sampler"));
        sampler.execute(this::startSignal);
        sampler.execute(OperationHandle::preloadClasses);
        long periodMillis = config.sampleInterval().toMillis();
        sampler.scheduleWithFixedDelay(this::sampleSafely, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a guard on this JVM: GC notifications, the sampler and cleanup threads. Cheap: the
     * MXBean and OSHI set-up runs on the sampler thread.
     */
    public static HeapGuard start(GuardConfig config) {
        return new HeapGuard(config, new JvmMemorySignal(new InternalLog()), System::nanoTime);
    }

    /** The handle for {@code name}, created on first use; resolve it once, not per call. */
    public OperationHandle operation(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("operation must be a non-blank name, was '" + name + "'");
        }
        OperationHandle op = operations.get(name);
        return op != null ? op : operations.computeIfAbsent(name, n -> new OperationHandle(n, config));
    }

    /**
     * Admits {@code bytes} for one call of {@code op}, or throws. The hot path: allocation-free and
     * lock-free when admitted.
     *
     * @param maxWaitMillis 0 to decide at once; otherwise wait up to this long (FIFO) for memory
     * @return the bytes reserved, to pass to {@link #release}; 0 when nothing was reserved (a zero
     *         estimate, or an internal error with failOpen)
     * @throws MemoryGuardException when the call is rejected
     */
    public long acquire(OperationHandle op, long bytes, int priority, long maxWaitMillis) {
        try {
            if (maxWaitMillis <= 0 || !waiters.hasWaiters()) {
                Admission status = tryAdmit(op, bytes, priority, null, false);
                if (status == Admission.ADMITTED) {
                    op.countAdmitted(bytes);
                    return bytes;
                }
                return notAdmitted(op, bytes, priority, maxWaitMillis, status, null);
            }
            // others are already waiting: queue behind them instead of overtaking
            return notAdmitted(op, bytes, priority, maxWaitMillis, Admission.QUEUED, null);
        } catch (MemoryGuardException rejected) {
            throw rejected;
        } catch (Throwable internal) {
            return failOpen(op, bytes, internal);
        }
    }

    /**
     * Returns what {@link #acquire} reserved and records the call's measured allocation.
     *
     * @param allocatedBytes the bytes the calling thread allocated during the call, -1 when unknown
     */
    public void release(OperationHandle op, long reservedBytes, long allocatedBytes) {
        try {
            if (reservedBytes > 0) {
                op.release(reservedBytes);
                budget.release(reservedBytes);
                if (waiters.hasWaiters()) {
                    waiters.wakeHead();
                }
            }
            if (allocatedBytes >= 0) {
                op.recordAllocation(reservedBytes, allocatedBytes, 1);
            }
        } catch (Throwable internal) {
            recordInternalError("release", internal);
        }
    }

    /**
     * {@link #acquire(OperationHandle, long, int, long)} for a woven call: what is reserved is
     * recorded in {@code slot} step by step, so that an {@link Error} striking half-way (a
     * {@code StackOverflowError} in deep recursion) leaves the slot naming exactly what is held, and
     * {@link #release(CallSlot, long)} by whoever finds it gives that back once.
     *
     * <p>On return the call is admitted ({@link CallSlot#reservedBytes()} may be 0); on
     * {@link MemoryGuardException} the slot holds nothing. A {@link VirtualMachineError} propagates
     * unchanged and uncounted (it is the application's stack or heap running out, not the guard
     * failing), with the slot still open for its owner to release.
     */
    public void acquire(OperationHandle op, long bytes, int priority, long maxWaitMillis, CallSlot slot) {
        slot.begin(op, Math.max(0L, bytes));
        try {
            if (maxWaitMillis <= 0 || !waiters.hasWaiters()) {
                Admission status = tryAdmit(op, bytes, priority, slot, false);
                if (status == Admission.ADMITTED) {
                    op.countAdmitted(bytes);
                    return;
                }
                notAdmitted(op, bytes, priority, maxWaitMillis, status, slot);
                return;
            }
            // others are already waiting: queue behind them instead of overtaking
            notAdmitted(op, bytes, priority, maxWaitMillis, Admission.QUEUED, slot);
        } catch (MemoryGuardException rejected) {
            slot.open = false; // a rejection holds nothing: every path rolled back before throwing
            throw rejected;
        } catch (VirtualMachineError vmError) {
            throw vmError;
        } catch (Throwable internal) {
            release(slot, -1L); // gives back whatever the failed admission took
            failOpen(op, bytes, internal); // throws MemoryGuardException when failOpen=false
            slot.begin(op, 0L); // admitted with nothing reserved
        }
    }

    /**
     * Gives back what {@code slot} holds, once; a released slot is left alone. The reservation goes
     * first, with plain atomic arithmetic, each step recorded in the slot before the next; waking a
     * waiter and recording the allocation come after and may be lost without leaking anything.
     *
     * @param allocatedBytes the bytes the calling thread allocated during the call, -1 when unknown
     */
    public void release(CallSlot slot, long allocatedBytes) {
        release(slot, allocatedBytes, 1);
    }

    /**
     * {@link #release(CallSlot, long)} for a call whose allocation was measured as a sample: its
     * figure counts {@code sampleWeight} times in the operation's allocated-bytes total (it stands for
     * that many calls), once in the allocated/estimate ratios.
     */
    public void release(CallSlot slot, long allocatedBytes, int sampleWeight) {
        if (!slot.open) {
            return;
        }
        if (slot.holds > CallSlot.HOLDS_BOTH) {
            budget.repairTear(slot); // a credit move an error tore: stray credit back, transit closed
        }
        OperationHandle op = slot.op;
        long bytes = slot.bytes;
        long reserved = slot.reservedBytes();
        boolean released = slot.holds != CallSlot.HOLDS_NOTHING;
        if ((slot.holds & CallSlot.HOLDS_OPERATION) != 0) {
            op.release(bytes);
            slot.holds &= ~CallSlot.HOLDS_OPERATION;
        }
        if ((slot.holds & CallSlot.HOLDS_BUDGET) != 0) {
            budget.release(bytes);
            slot.holds = CallSlot.HOLDS_NOTHING;
        }
        slot.open = false;
        afterRelease(op, released, reserved, allocatedBytes, sampleWeight);
    }

    /**
     * Hands a woven call's reservation to a leak-tracked {@link Reservation} (the call returned a
     * stage that completes later); the slot holds nothing afterwards, and closing the result releases
     * the bytes once.
     */
    public Reservation track(CallSlot slot) {
        if (!slot.open || slot.holds != CallSlot.HOLDS_BOTH || slot.bytes <= 0) {
            String name = slot.op == null ? "unknown" : slot.op.name();
            release(slot, -1L);
            return new NoOpReservation(name, 0);
        }
        Reservation tracked = leaks.track(slot.op, slot.bytes);
        // no call between taking over and emptying the slot: the bytes have exactly one owner
        slot.holds = CallSlot.HOLDS_NOTHING;
        slot.open = false;
        return tracked;
    }

    private void afterRelease(OperationHandle op, boolean released, long reserved, long allocatedBytes, int sampleWeight) {
        try {
            if (released && waiters.hasWaiters()) {
                waiters.wakeHead();
            }
            if (allocatedBytes >= 0) {
                op.recordAllocation(reserved, allocatedBytes, sampleWeight);
            }
        } catch (VirtualMachineError vmError) {
            throw vmError;
        } catch (Throwable internal) {
            recordInternalError("release", internal);
        }
    }

    /** Programmatic use ({@code MemoryGuard.reserve}): admitted bytes, leak-tracked. */
    @Override
    public Reservation reserve(String operation, long bytes, int priority, long maxWaitMillis) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, was " + bytes + " for operation '" + operation + "'");
        }
        if (maxWaitMillis < 0) {
            throw new IllegalArgumentException("maxWaitMillis must be >= 0, was " + maxWaitMillis);
        }
        OperationHandle op = operation(operation);
        return track(op, acquire(op, bytes, priority, maxWaitMillis));
    }

    /**
     * Wraps bytes already acquired (a call whose result completes later) in a leak-tracked
     * reservation; closing it releases them once.
     */
    public Reservation track(OperationHandle op, long reservedBytes) {
        if (reservedBytes <= 0) {
            return new NoOpReservation(op.name(), 0);
        }
        return leaks.track(op, reservedBytes);
    }

    /** Bytes the current thread has allocated so far; -1 when the JVM cannot measure it. */
    public static long currentThreadAllocatedBytes() {
        return ThreadAllocation.currentThreadAllocatedBytes();
    }

    /** The estimate to use for {@code op} when a call has none (operation's, else global defaultEstimate). */
    public long defaultEstimate(OperationHandle op) {
        return op.defaultEstimateBytes();
    }

    /** Registers a hook run when the cleanup threshold is reached; close the result to unregister. */
    public AutoCloseable registerCleanupHook(String name, CleanupHook hook) {
        return cleanup.register(name, hook);
    }

    /**
     * Registers {@code action} on an instance held weakly: once the instance is collected the hook
     * is forgotten.
     */
    public AutoCloseable registerCleanupHook(String name, Object instance, ToLongFunction<Object> action) {
        return cleanup.register(name, instance, action);
    }

    /** Counts an internal failure and logs it once per {@code where}. */
    public void recordInternalError(String where, Throwable error) {
        internalErrors.increment();
        log.warnOnce("internal:" + where, "internal error in " + where + " (counted; "
                + (config.failOpen() ? "calls fail open" : "calls are rejected") + ")", error);
    }

    /**
     * The highest pressure level reached since start, including an admission that crossed the
     * cleanup threshold only for the instant before cleanup brought usage back down.
     */
    public Pressure peakPressure() {
        return peakPressure.get();
    }

    private void notePeak(Pressure level) {
        Pressure peak = peakPressure.get();
        // retry only while another thread raised the peak to something still below this level
        while (level.compareTo(peak) > 0 && !peakPressure.compareAndSet(peak, level)) {
            peak = peakPressure.get();
        }
    }

    /**
     * The pressure level now: (baseline + reserved) against the thresholds, entered at a threshold
     * and left only a margin below it ({@link PressureTracker}). On evidence only: growth no
     * complete collection has confirmed does not raise it (it requests the confirmation instead),
     * so garbage never runs the cleanup hooks.
     */
    public Pressure pressure() {
        return pressureTracker.update(budget.confirmedUsedBytes(), this::pressureDetail);
    }

    @Override
    public GuardStats stats() {
        StatsSnapshot snapshot = snapshot();
        StatsSnapshot.Totals t = snapshot.totals();
        return new GuardStats(true, snapshot.pressure(), t.admitted(), t.rejected() + t.wouldReject(), t.inFlight(),
                t.reservedBytes(), t.leaks(), t.internalErrors(), StatsJson.toText(snapshot));
    }

    /** The statistics document as UTF-8 JSON (schema in docs/stats.md). */
    public byte[] statsJson() {
        return StatsJson.toText(snapshot()).getBytes(StandardCharsets.UTF_8);
    }

    /** The statistics as a typed snapshot. */
    public StatsSnapshot snapshot() {
        StatsCollector collector = new StatsCollector(config, ceilings, budget, cleanup, leaks);
        return collector.collect(operations.values(), pressure(), lastSample, internalErrors.sum(), wouldReject.sum(),
                collector.signal(signal, confirmer, pressureTracker, admittedUnconfirmed.sum()));
    }

    public GuardConfig config() {
        return config;
    }

    /** Stops the background threads and GC listening. Reservations still held stay counted. */
    @Override
    public void close() {
        closed = true;
        sampler.shutdownNow();
        cleanup.close();
        confirmer.close();
        signal.close();
    }

    // ---- admission ----

    /**
     * @param slot where a woven call records each step it holds; null for the other callers
     * @param onConfirmedBaseline count only the baseline a complete collection proved: no
     *        confirmation could run in time
     */
    private Admission tryAdmit(OperationHandle op, long bytes, int priority, CallSlot slot, boolean onConfirmedBaseline) {
        if (bytes <= 0) {
            return Admission.ADMITTED_NOTHING;
        }
        if (faultErrorProbability > 0 && ThreadLocalRandom.current().nextDouble() < faultErrorProbability) {
            throw new IllegalStateException("fault injection (fault.errorProbability=" + faultErrorProbability + ")");
        }
        if (faultRejectProbability > 0 && ThreadLocalRandom.current().nextDouble() < faultRejectProbability) {
            return Admission.FAULT_INJECTED;
        }
        if (bytes > op.perCallLimitBytes()) {
            return Admission.TOO_LARGE;
        }
        long ceilingBytes = ceilings.forPriority(priority);
        Admission opStatus = op.tryAcquire(bytes);
        if (opStatus != Admission.ADMITTED) {
            return opStatus;
        }
        // each step recorded right after its atomic update, before anything else can fail
        if (slot != null) {
            slot.holds = CallSlot.HOLDS_OPERATION;
        }
        long usedAfter = budget.tryReserve(bytes, ceilingBytes, onConfirmedBaseline, slot);
        if (usedAfter < 0) {
            op.release(bytes);
            if (slot != null) {
                slot.holds = CallSlot.HOLDS_NOTHING;
            }
            return Admission.BUDGET;
        }
        if (slot != null) {
            slot.holds = CallSlot.HOLDS_BOTH;
        }
        op.notePeak();
        if (usedAfter >= ceilings.cleanupBytes && budget.confirmedUsedBytes() >= ceilings.cleanupBytes) {
            notePeak(Pressure.CLEANUP);
            cleanup.trigger(); // admitted, but at the cleanup threshold: clean up without making this call wait
        }
        return Admission.ADMITTED;
    }

    private long notAdmitted(OperationHandle op, long bytes, int priority, long maxWaitMillis, Admission firstStatus,
                             CallSlot slot) {
        Admission status = firstStatus;
        if (status == Admission.ADMITTED_NOTHING) {
            op.countAdmitted(0);
            return 0;
        }
        if (monitor) {
            Reason reason = rejections.reasonOf(status, bytes, priority);
            op.countWouldReject(reason);
            wouldReject.increment();
            // an estimate above the per-call limit is held at that limit, so one absurd
            // estimate cannot make every later call a would-be rejection
            long held = Math.min(bytes, op.perCallLimitBytes());
            if (slot != null) {
                slot.bytes = held;
            }
            op.forceAcquire(held);
            if (slot != null) {
                slot.holds = CallSlot.HOLDS_OPERATION;
            }
            budget.forceReserve(held);
            if (slot != null) {
                slot.holds = CallSlot.HOLDS_BOTH;
            }
            op.notePeak();
            op.countAdmitted(held);
            return held;
        }
        long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, maxWaitMillis));
        if (status == Admission.BUDGET) {
            status = admitOnEvidence(op, bytes, priority, maxWaitMillis, slot);
        }
        if (status == Admission.BUDGET && budget.usedBytes() + bytes > ceilings.cleanupBytes) {
            notePeak(Pressure.CLEANUP);
            if (priority < 0) {
                cleanup.trigger(); // shed now; low priorities do not wait for the cleanup
            } else {
                status = admitAfterCleanup(op, bytes, priority, maxWaitMillis, slot);
            }
        }
        if (status != Admission.ADMITTED && maxWaitMillis > 0 && status.mayWait()) {
            Admission waited = waiters.await(() -> tryAdmit(op, bytes, priority, slot, false), status,
                    deadlineNanos);
            if (waited != Admission.ADMITTED) {
                op.countRejected(Reason.WAIT_TIMED_OUT);
                throw rejections.waitTimedOut(waited, op, bytes, priority, operations.values(), maxWaitMillis);
            }
            status = waited;
        }
        if (status == Admission.ADMITTED) {
            op.countAdmitted(bytes);
            return bytes;
        }
        MemoryGuardException rejected = rejections.rejection(status, op, bytes, priority, operations.values());
        op.countRejected(rejected.reason());
        throw rejected;
    }

    /**
     * The caller at the cleanup threshold: trigger the hooks, wait for them (at most cleanupWait,
     * and never past the caller's own maxWait), try once more.
     */
    private Admission admitAfterCleanup(OperationHandle op, long bytes, int priority, long maxWaitMillis, CallSlot slot) {
        Duration wait = config.cleanupWait();
        if (maxWaitMillis > 0 && maxWaitMillis < wait.toMillis()) {
            wait = Duration.ofMillis(maxWaitMillis);
        }
        cleanup.triggerAndAwait(wait, bytes);
        return tryAdmit(op, bytes, priority, slot, false);
    }

    private long failOpen(OperationHandle op, long bytes, Throwable internal) {
        recordInternalError("acquire", internal);
        if (config.failOpen()) {
            op.countAdmitted(0);
            return 0;
        }
        op.countRejected(Reason.GUARD_FAILURE);
        throw new MemoryGuardException(Reason.GUARD_FAILURE, op.name(), bytes, 0, config.maxHeapBytes(),
                "internal error in the guard and failOpen=false: " + internal);
    }

    private void releaseTracked(OperationHandle op, long bytes) {
        release(op, bytes, -1);
    }

    /**
     * A call refused for memory, tried again on evidence: when its refusal rests on growth no
     * complete collection has confirmed, after a confirmation (or, when none could run in time and
     * the last one found such growth to be garbage, on the confirmed baseline); otherwise once more
     * as it is, since the figures may have moved since the first try (a confirmation landing).
     */
    private Admission admitOnEvidence(OperationHandle op, long bytes, int priority, long maxWaitMillis, CallSlot slot) {
        if (!refusalRestsOnUnconfirmedGrowth(bytes, priority)) {
            return tryAdmit(op, bytes, priority, slot, false);
        }
        // partial collections' garbage may be all that stands in the way: confirm first. Wait out
        // the confirmation rate unless such growth proved real last time (a real overload): then a
        // refused call waits at most for a collection already running or startable now
        confirmer.requestAndAwait(confirmWait(maxWaitMillis), budget.lastGrowth() != Budget.GrowthVerdict.REAL);
        Admission status = tryAdmit(op, bytes, priority, slot, false);
        if (status == Admission.BUDGET && refusalRestsOnUnconfirmedGrowth(bytes, priority)
                && budget.lastGrowth() == Budget.GrowthVerdict.GARBAGE) {
            // no confirmation could run in time (rate, slow machine), and the last one found such
            // growth to be garbage: decide on what the last complete collection proved; the
            // confirmation follows as soon as the rate allows
            status = tryAdmit(op, bytes, priority, slot, true);
            if (status == Admission.ADMITTED) {
                admittedUnconfirmed.increment();
            }
            confirmer.request();
        }
        return status;
    }

    /**
     * Whether a call refused for memory would fit if the baseline were what the last complete
     * collection proved: then the refusal rests on growth no complete collection has confirmed.
     */
    private boolean refusalRestsOnUnconfirmedGrowth(long bytes, int priority) {
        if (budget.unconfirmedBytes() <= 0 || !confirmer.available()) {
            return false;
        }
        long confirmed = budget.confirmedBaselineBytes();
        return confirmed < 0 || confirmed + budget.reservedBytes() + bytes <= ceilings.forPriority(priority);
    }

    /**
     * How long a caller refused on unconfirmed figures waits for the confirming collection: long
     * enough for a full collection of a heap of a few GiB on two cores, so load that fits is not
     * refused for want of it; never longer than the caller's own wait, when it set one.
     */
    private static Duration confirmWait(long maxWaitMillis) {
        return maxWaitMillis > 0 && maxWaitMillis < CONFIRM_WAIT.toMillis() ? Duration.ofMillis(maxWaitMillis)
                : CONFIRM_WAIT;
    }

    // ---- memory signal and background work ----

    /** A complete collection's live heap (tests). */
    void onLiveHeapAfterGc(long liveBytes) {
        onGcReading(liveBytes, 0, CollectionKind.COMPLETE);
    }

    /** The heap after a GC (tests). */
    void onGcReading(long heapAfterGcBytes, CollectionKind kind) {
        onGcReading(heapAfterGcBytes, 0, kind);
    }

    /** The heap after a GC (GC notification thread, cleanup or confirmation thread). */
    void onGcReading(long heapAfterGcBytes, long allocatedDuringGcBytes, CollectionKind kind) {
        budget.onGcReading(heapAfterGcBytes, allocatedDuringGcBytes, kind, System.currentTimeMillis());
        if (waiters.hasWaiters()) {
            waiters.wakeHead();
        }
        if (budget.unconfirmedBytes() > 0 && budget.usedBytes() >= ceilings.criticalBytes) {
            confirmer.request(); // shedding starts here: find out before a call is refused
        }
        checkPressure();
    }

    private void onConfirmationUnavailable() {
        log.warnOnce("no-confirmation", "System.gc() ran no complete collection here (-XX:+DisableExplicitGC, or"
                + " -XX:+ExplicitGCInvokesConcurrent?): the guard cannot confirm the live heap and takes the heap"
                + " after the last collection as it is, old garbage included; it may refuse calls that would fit."
                + " See docs/memory-signal.md");
    }

    private void startSignal() {
        try {
            signal.start(this::onGcReading);
            signalStarted = true;
            if (signal.confirmAtStart()) {
                confirmer.request(); // the first evidence of what is live, while the heap is small
            }
        } catch (Throwable t) {
            recordInternalError("memory signal start", t);
        }
    }

    private void sampleSafely() {
        try {
            sampleOnce();
        } catch (Throwable t) {
            recordInternalError("sampler", t);
        }
    }

    /**
     * One sampler tick: the budget's credit switched off and idle credit back to it (on again at
     * the next collision), striped operations' peaks, memory figures, age-based leaks, pressure
     * transitions.
     */
    void sampleOnce() {
        if (closed) {
            return;
        }
        budget.reclaimIdleCredit();
        for (OperationHandle op : operations.values()) {
            if (op.isStriped()) {
                op.notePeakNow();
            }
        }
        lastSample = signal.sample();
        leaks.expireOlderThan(config.leakAge().toNanos());
        checkPressure();
    }

    private void checkPressure() {
        Pressure now = pressure();
        notePeak(now);
        if (now == Pressure.CLEANUP) {
            cleanup.trigger();
        }
    }

    private String pressureDetail() {
        return "live heap after GC " + MemoryGuardException.humanBytes(budget.liveAfterGcBytes())
                + " (not yet confirmed by a complete collection: "
                + MemoryGuardException.humanBytes(budget.unconfirmedBytes())
                + "), baseline " + MemoryGuardException.humanBytes(budget.baselineBytes()) + " + reserved "
                + MemoryGuardException.humanBytes(budget.reservedBytes()) + " of maxHeap "
                + MemoryGuardException.humanBytes(budget.maxHeapBytes());
    }

    // ---- test and diagnostics access ----

    Budget budget() {
        return budget;
    }

    CleanupCoordinator cleanup() {
        return cleanup;
    }

    LeakTracker leaks() {
        return leaks;
    }

    Collection<OperationHandle> operations() {
        return operations.values();
    }

    /** Whether the memory signal is listening (it starts on the sampler thread, shortly after start). */
    boolean signalStarted() {
        return signalStarted;
    }

    int waitersForTest() {
        return waiters.size();
    }
}
