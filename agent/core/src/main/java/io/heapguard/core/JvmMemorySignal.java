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
import java.util.function.LongConsumer;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The real memory signal: the live heap after each GC from GC notifications (sum of
 * {@code memoryUsageAfterGc} over the heap pools), heap figures from the MemoryMXBean and system/RSS
 * figures from OSHI ({@link SystemMemoryProbe}, created on first sample, off the start path).
 *
 * <p>Caveat: after a young collection the old generation's figure still holds old garbage; it is
 * corrected by the next mixed or full collection (and by the cleanup's GC nudge).
 */
final class JvmMemorySignal implements MemorySignal {

    private final InternalLog log;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private volatile Set<String> heapPools = Set.of();
    private volatile LongConsumer sink;
    private SystemMemoryProbe probe;

    JvmMemorySignal(InternalLog log) {
        this.log = log;
    }

    @Override
    public void start(LongConsumer liveHeapAfterGc) {
        Set<String> pools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pools.add(pool.getName());
            }
        }
        heapPools = Set.copyOf(pools);
        sink = liveHeapAfterGc;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    private void onNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        try {
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long live = heapUsed(info.getGcInfo().getMemoryUsageAfterGc());
            // ZGC's and Shenandoah's "... Pauses" collectors report every pool as 0 before and after:
            // only a collection that saw a heap in use says what is live
            boolean realCollection = heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()) > 0;
            LongConsumer target = sink;
            if (target != null && realCollection) {
                target.accept(live);
            }
        } catch (RuntimeException e) {
            log.warnOnce("gc-notification", "cannot read a GC notification; the live heap figure may be stale", e);
        }
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
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
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
