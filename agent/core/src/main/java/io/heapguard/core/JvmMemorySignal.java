package io.heapguard.core;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
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

    /** How long {@link #collectGarbage} waits for the notification of the collection it asked for. */
    private static final long NOTIFICATION_WAIT_MILLIS = 2_000;
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
    /** {@link #collectGarbage} callers waiting for their collection's reading: guarded by {@code this}. */
    private int awaitingExplicit;
    /** Explicit complete collections handed to a waiting caller, and the last one: guarded by {@code this}. */
    private long explicitReadings;
    private ExplicitReading lastExplicit;
    /** All threads' allocated bytes at the first pause of each concurrent cycle in progress. */
    private final Map<String, Long> cycleStartAllocated = new ConcurrentHashMap<>();

    /** A complete collection run by {@code System.gc()}, for the caller of {@link #collectGarbage}. */
    private record ExplicitReading(long heapAfterGcBytes, boolean concurrentCycle, long youngAfterGcBytes,
                                   long durationMillis) {
    }

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
                    && handedToCaller(new ExplicitReading(live, concurrentCycle, youngAfter,
                            info.getGcInfo().getDuration()))) {
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

    /** Hands an explicit complete collection to a waiting {@link #collectGarbage}; false when none waits. */
    private synchronized boolean handedToCaller(ExplicitReading reading) {
        if (awaitingExplicit == 0) {
            return false;
        }
        lastExplicit = reading;
        explicitReadings++;
        notifyAll();
        return true;
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
            return Collected.NOT_LISTENING;
        }
        long seen;
        synchronized (this) {
            seen = explicitReadings;
            awaitingExplicit++;
        }
        try {
            // System.gc() returns when the collection has finished, also for ZGC and Shenandoah: what
            // all threads allocated meanwhile bounds what a concurrent cycle kept without judging it
            long allocatedBefore = ThreadAllocation.allThreadsAllocatedBytes();
            System.gc();
            long allocatedDuring = allocatedSince(allocatedBefore);
            // the notification is delivered on another thread, around the time System.gc() returns
            long deadline = System.nanoTime() + NOTIFICATION_WAIT_MILLIS * 1_000_000L;
            synchronized (this) {
                for (long left = NOTIFICATION_WAIT_MILLIS; explicitReadings == seen && sink != null && left > 0;
                     left = (deadline - System.nanoTime()) / 1_000_000L) {
                    wait(left);
                }
                if (explicitReadings == seen) {
                    // closed meanwhile: says nothing
                    return sink == null ? Collected.NOT_LISTENING : Collected.NO_COMPLETE_COLLECTION;
                }
                ExplicitReading reading = lastExplicit;
                return Collected.complete(reading.heapAfterGcBytes(), reading.concurrentCycle()
                        ? keptUnjudged(reading.youngAfterGcBytes(), allocatedDuring) : 0, reading.durationMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Collected.NOT_LISTENING; // closing: says nothing about System.gc()
        } finally {
            synchronized (this) {
                awaitingExplicit--;
            }
        }
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
        synchronized (this) {
            notifyAll(); // a collectGarbage waiting for its notification returns now
        }
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
