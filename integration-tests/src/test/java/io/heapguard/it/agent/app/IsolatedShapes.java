package io.heapguard.it.agent.app;

import io.heapguard.MemoryAware;
import io.heapguard.MemoryGuardException;

/**
 * Loaded by a child URLClassLoader and by a nested-jar loader (both with the platform loader as
 * parent, so this class and its annotation are resolved there and through the bootstrap path only).
 * Reports what happened as one string, since it shares no types with the application loader.
 */
public class IsolatedShapes {

    private static int bodyRuns;

    @MemoryAware(estimate = "bytes")
    public static int guarded(long bytes) {
        bodyRuns++;
        return 1;
    }

    public static String run() {
        StringBuilder report = new StringBuilder("loader=" + IsolatedShapes.class.getClassLoader().getName());
        guarded(1024);
        report.append(" small=admitted");
        try {
            guarded(1L << 40);
            report.append(" large=admitted");
        } catch (MemoryGuardException e) {
            report.append(" large=rejected:").append(e.reason()).append(" operation=").append(e.operation());
        }
        return report.append(" bodyRuns=").append(bodyRuns).toString();
    }
}
