package io.heapguard.core;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Bytes allocated by the current thread (HotSpot's {@code getCurrentThreadAllocatedBytes}, ~13 ns),
 * and by all threads (for the memory signal).
 */
final class ThreadAllocation {

    private static final com.sun.management.ThreadMXBean BEAN = supportedBean();

    private ThreadAllocation() {
    }

    /** -1 when the JVM cannot measure it. */
    static long currentThreadAllocatedBytes() {
        if (BEAN == null) {
            return -1;
        }
        try {
            return BEAN.getCurrentThreadAllocatedBytes();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * Bytes allocated by all live threads so far (JDK 17+), -1 when unknown. Off the hot path: it
     * walks the threads.
     */
    static long allThreadsAllocatedBytes() {
        if (BEAN == null) {
            return -1;
        }
        try {
            return BEAN.getTotalThreadAllocatedBytes();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static com.sun.management.ThreadMXBean supportedBean() {
        try {
            ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            if (bean instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
                if (!sun.isThreadAllocatedMemoryEnabled()) {
                    sun.setThreadAllocatedMemoryEnabled(true);
                }
                return sun;
            }
        } catch (RuntimeException | LinkageError e) {
            // not a HotSpot-like JVM: report "unknown"
        }
        return null;
    }
}
