package io.heapguard.core;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The real memory signal: the heap in use after each GC from GC notifications (sum of
 * {@code memoryUsageAfterGc} over the heap pools), classified by {@link CollectionKind}; heap
 * figures from the MemoryMXBean and system/RSS figures from OSHI ({@link SystemMemoryProbe},
 * created on first sample, off the start path).
 *
 * <p>A partial collection's figure still holds old-generation garbage; the guard treats it as an
 * upper bound and confirms it with {@link #collectGarbage} before it sheds load on it. A concurrent
 * cycle's figure also holds what was allocated while it ran, live or not: that is measured (and,
 * for the guard's own {@code System.gc()}, measured around the call) and passed along, so the guard
 * can take it away (docs/memory-signal.md).
 */
final class JvmMemorySignal implements MemorySignal {

    /**
     * How long {@link #collectGarbage} waits for a complete collector's count to rise after
     * {@code System.gc()} returned (it has by then for every collector we know).
     */
    private static final long COUNT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long COUNT_POLL_MILLIS = 10;
    /**
     * Generational ZGC's young generation: after a major cycle it holds what was allocated while the
     * cycle ran (the cycle began by promoting every live young object), live or not.
     */
    private static final String ZGC_YOUNG_POOL = "ZGC Young Generation";

    private final InternalLog log;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private volatile Set<String> heapPools = Set.of();
    private volatile Readings sink;
    private volatile String collectors = "";
    private SystemMemoryProbe probe;
    private volatile List<GarbageCollectorMXBean> collectorBeans = List.of();
    /** {@link #collectGarbage} callers running: guarded by {@code this}. */
    private int awaitingExplicit;
    /**
     * Per collector, the id of the last collection a {@link #collectGarbage} caller took from its
     * MXBean: its notification is not delivered again. Guarded by {@code this}.
     */
    private final Map<String, Long> consumedIds = new HashMap<>();
    /** All threads' allocated bytes at the first pause of each concurrent cycle in progress. */
    private final Map<String, Long> cycleStartAllocated = new ConcurrentHashMap<>();

    JvmMemorySignal(InternalLog log) {
        this.log = log;
    }

    @Override
    public void start(Readings readings) {
        Set<String> pools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pools.add(pool.getName());
            }
        }
        heapPools = Set.copyOf(pools);
        collectorBeans = List.copyOf(ManagementFactory.getGarbageCollectorMXBeans());
        sink = readings;
        StringJoiner names = new StringJoiner(", ");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(gc.getName() + " (" + CollectionKind.describe(gc.getName()) + ")");
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        collectors = names.toString();
    }

    private void onNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        try {
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            String collector = info.getGcName();
            String cycle = CollectionKind.cycleOfPauses(collector);
            if (cycle != null) {
                // a concurrent cycle's first pause: from here on the cycle keeps all it sees allocated
                cycleStartAllocated.putIfAbsent(cycle, ThreadAllocation.allThreadsAllocatedBytes());
            }
            Map<String, MemoryUsage> after = info.getGcInfo().getMemoryUsageAfterGc();
            long live = heapUsed(after);
            // ZGC's and Shenandoah's "... Pauses" collectors report every pool as 0 before and after:
            // only a collection that saw a heap in use says what is live
            boolean realCollection = heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()) > 0;
            if (!realCollection) {
                return;
            }
            CollectionKind kind = CollectionKind.of(collector, info.getGcAction(), info.getGcCause());
            boolean concurrentCycle = CollectionKind.isConcurrentCycle(collector);
            long allocatedSinceFirstPause = concurrentCycle ? allocatedSinceStartOf(collector) : -1;
            long youngAfter = concurrentCycle ? poolUsed(after, ZGC_YOUNG_POOL) : -1;
            if (kind == CollectionKind.COMPLETE && CollectionKind.EXPLICIT_GC_CAUSE.equals(info.getGcCause())
                    && takenByCaller(collector, info.getGcInfo().getId())) {
                return; // collectGarbage's caller delivers it, with the allocation it measured itself
            }
            Readings target = sink;
            if (target != null) {
                target.afterGc(live, concurrentCycle ? keptUnjudged(youngAfter, allocatedSinceFirstPause) : 0, kind);
            }
        } catch (RuntimeException e) {
            log.warnOnce("gc-notification", "cannot read a GC notification; the live heap figure may be stale", e);
        }
    }

    /**
     * Whether a {@link #collectGarbage} caller delivers this explicit complete collection: one took
     * it from the MXBean already, or one is running and will (its reading is the latest).
     */
    private synchronized boolean takenByCaller(String collector, long id) {
        return awaitingExplicit > 0 || id <= consumedIds.getOrDefault(collector, -1L);
    }

    /**
     * What a concurrent cycle kept without judging it: the smallest of the measures known (-1 for
     * unknown), since each can only overstate it; 0 when none is known (the figure is then taken
     * as it is, the safe side).
     */
    static long keptUnjudged(long youngAfterGcBytes, long allocatedDuringBytes) {
        if (youngAfterGcBytes < 0) {
            return Math.max(0, allocatedDuringBytes);
        }
        return allocatedDuringBytes < 0 ? youngAfterGcBytes : Math.min(youngAfterGcBytes, allocatedDuringBytes);
    }

    /** What all threads allocated since the cycle's first pause was seen; -1 when unknown. */
    private long allocatedSinceStartOf(String cycle) {
        Long start = cycleStartAllocated.remove(cycle);
        return allocatedSince(start == null ? -1 : start);
    }

    private static long allocatedSince(long start) {
        long now = ThreadAllocation.allThreadsAllocatedBytes();
        return start < 0 || now < start ? -1 : now - start;
    }

    /** One pool's use, -1 when the collection does not report that pool. */
    private static long poolUsed(Map<String, MemoryUsage> usageByPool, String pool) {
        MemoryUsage usage = usageByPool.get(pool);
        return usage == null ? -1 : usage.getUsed();
    }

    private long heapUsed(Map<String, MemoryUsage> usageByPool) {
        long used = 0;
        Set<String> pools = heapPools;
        for (Map.Entry<String, MemoryUsage> pool : usageByPool.entrySet()) {
            if (pools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        return used;
    }

    @Override
    public MemorySample sample() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        if (probe == null) {
            probe = SystemMemoryProbe.create(log);
        }
        return new MemorySample(heap.getUsed(), heap.getMax(), probe.totalBytes(), probe.availableBytes(),
                probe.processRssBytes());
    }

    @Override
    public Collected collectGarbage() {
        if (sink == null) {
            return Collected.NOTHING_LEARNT;
        }
        synchronized (this) {
            awaitingExplicit++;
        }
        try {
            long[] countsBefore = collectionCounts();
            // System.gc() returns when the collection has finished, also for ZGC and Shenandoah: what
            // all threads allocated meanwhile bounds what a concurrent cycle kept without judging it
            long allocatedBefore = ThreadAllocation.allThreadsAllocatedBytes();
            System.gc();
            long allocatedDuring = allocatedSince(allocatedBefore);
            // read from the collector's MXBean, not waited for as a notification: notifications are
            // delivered on one JVM thread, behind every other listener, seconds late on a busy machine
            long deadline = System.nanoTime() + COUNT_WAIT_NANOS;
            LastCollection last;
            while ((last = lastCompleteSince(countsBefore)) == null && sink != null
                    && System.nanoTime() - deadline < 0) {
                Thread.sleep(COUNT_POLL_MILLIS);
            }
            if (sink == null) {
                return Collected.NOTHING_LEARNT; // closed meanwhile: says nothing
            }
            if (last == null) {
                // a collector we cannot classify ran: nothing learnt, unlike none or only partial ones
                return onlyPartialRose(countsBefore) ? Collected.NO_COMPLETE_COLLECTION : Collected.NOTHING_LEARNT;
            }
            synchronized (this) {
                consumedIds.merge(last.collector(), last.id(), Math::max); // its notification, late or not, says it again
            }
            return Collected.complete(last.heapAfterGcBytes(), last.concurrentCycle()
                    ? keptUnjudged(last.youngAfterGcBytes(), allocatedDuring) : 0, last.durationMillis(),
                    last.concurrentCycle());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Collected.NOTHING_LEARNT; // closing: says nothing about System.gc()
        } finally {
            synchronized (this) {
                awaitingExplicit--;
            }
        }
    }

    /** The last collection of one collector, as its MXBean reports it. */
    private record LastCollection(String collector, long id, long endTime, long heapAfterGcBytes,
                                  boolean concurrentCycle, long youngAfterGcBytes, long durationMillis) {
    }

    private long[] collectionCounts() {
        List<GarbageCollectorMXBean> beans = collectorBeans;
        long[] counts = new long[beans.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = beans.get(i).getCollectionCount();
        }
        return counts;
    }

    /** Whether every collector whose count rose is one whose collections are partial (G1's concurrent GC). */
    private boolean onlyPartialRose(long[] before) {
        for (int i = 0; i < before.length; i++) {
            GarbageCollectorMXBean bean = collectorBeans.get(i);
            if (bean.getCollectionCount() > before[i] && !CollectionKind.isPartialCollector(bean.getName())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The last collection of a collector whose collections run by {@code System.gc()} are complete,
     * among those whose count rose since {@code before}; null when none did.
     */
    private LastCollection lastCompleteSince(long[] before) {
        LastCollection latest = null;
        for (int i = 0; i < before.length; i++) {
            GarbageCollectorMXBean bean = collectorBeans.get(i);
            String name = bean.getName();
            if (bean.getCollectionCount() <= before[i]
                    || CollectionKind.of(name, "", CollectionKind.EXPLICIT_GC_CAUSE) != CollectionKind.COMPLETE
                    || !(bean instanceof com.sun.management.GarbageCollectorMXBean withInfo)) {
                continue;
            }
            GcInfo info = withInfo.getLastGcInfo();
            if (info == null || (latest != null && info.getEndTime() <= latest.endTime())) {
                continue;
            }
            boolean concurrentCycle = CollectionKind.isConcurrentCycle(name);
            Map<String, MemoryUsage> after = info.getMemoryUsageAfterGc();
            latest = new LastCollection(name, info.getId(), info.getEndTime(), heapUsed(after), concurrentCycle,
                    concurrentCycle ? poolUsed(after, ZGC_YOUNG_POOL) : -1, info.getDuration());
        }
        return latest;
    }

    @Override
    public boolean confirmAtStart() {
        return true;
    }

    @Override
    public String collectors() {
        return collectors;
    }

    @Override
    public void close() {
        sink = null;
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already gone: nothing to undo
            }
        }
        emitters.clear();
    }
}
