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
 * upper bound and confirms it with {@link #collectGarbage} before it sheds load on it
 * (docs/memory-signal.md).
 */
final class JvmMemorySignal implements MemorySignal {

    /** How long {@link #collectGarbage} waits for the notification of the collection it asked for. */
    private static final long NOTIFICATION_WAIT_MILLIS = 2_000;

    private final InternalLog log;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private volatile Set<String> heapPools = Set.of();
    private volatile Readings sink;
    private volatile String collectors = "";
    private SystemMemoryProbe probe;
    /** Complete collections seen, and the heap after the last one: guarded by {@code this}. */
    private long completeCollections;
    private long lastCompleteBytes = -1;
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
        sink = readings;
        StringJoiner names = new StringJoiner(", ");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(gc.getName() + " (" + CollectionKind.of(gc.getName(), "").name().toLowerCase() + ")");
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
            long live = heapUsed(info.getGcInfo().getMemoryUsageAfterGc());
            // ZGC's and Shenandoah's "... Pauses" collectors report every pool as 0 before and after:
            // only a collection that saw a heap in use says what is live
            boolean realCollection = heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()) > 0;
            if (!realCollection) {
                return;
            }
            CollectionKind kind = CollectionKind.of(collector, info.getGcAction());
            long allocatedDuring = CollectionKind.isConcurrentCycle(collector) ? allocatedSinceStartOf(collector) : 0;
            Readings target = sink;
            if (target != null) {
                target.afterGc(live, allocatedDuring, kind);
            }
            if (kind == CollectionKind.COMPLETE) {
                // after delivery: collectGarbage returns only once the guard has the reading
                synchronized (this) {
                    completeCollections++;
                    lastCompleteBytes = live;
                    notifyAll();
                }
            }
        } catch (RuntimeException e) {
            log.warnOnce("gc-notification", "cannot read a GC notification; the live heap figure may be stale", e);
        }
    }

    /** What all threads allocated since the cycle's first pause was seen; 0 when unknown. */
    private long allocatedSinceStartOf(String cycle) {
        Long start = cycleStartAllocated.remove(cycle);
        long now = ThreadAllocation.allThreadsAllocatedBytes();
        return start == null || start < 0 || now < start ? 0 : now - start;
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
    public long collectGarbage() {
        if (sink == null) {
            return NOT_LISTENING;
        }
        long before;
        synchronized (this) {
            before = completeCollections;
        }
        System.gc();
        // the notification is delivered on another thread, shortly after System.gc() returns
        long deadline = System.nanoTime() + NOTIFICATION_WAIT_MILLIS * 1_000_000L;
        synchronized (this) {
            try {
                for (long left = NOTIFICATION_WAIT_MILLIS; completeCollections == before && left > 0;
                     left = (deadline - System.nanoTime()) / 1_000_000L) {
                    wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (completeCollections == before) {
                return sink == null ? NOT_LISTENING : NO_COMPLETE_COLLECTION; // closed meanwhile: says nothing
            }
            return lastCompleteBytes;
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
