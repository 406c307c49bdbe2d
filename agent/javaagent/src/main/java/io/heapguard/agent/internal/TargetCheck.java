package io.heapguard.agent.internal;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import io.heapguard.agent.targets.Target;
import io.heapguard.agent.targets.TargetReport;
import io.heapguard.core.InternalLog;

/**
 * Waits until the JVM has been up {@code targetCheckDelay}, then reports, once each on stderr, the
 * targets that have matched no method: a misspelt class or method must not leave a service silently
 * unguarded. The stats carry the same fact ({@code targets.<name>.matchedMethods}: 0).
 */
final class TargetCheck implements Runnable {

    private final TargetReport report;
    private final Duration delay;

    TargetCheck(TargetReport report, Duration delay) {
        this.report = report;
        this.delay = delay;
    }

    @Override
    public void run() {
        try {
            long waitMillis = delay.toMillis() - ManagementFactory.getRuntimeMXBean().getUptime();
            if (waitMillis > 0) {
                Thread.sleep(waitMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (Target target : report.unmatched()) {
            InternalLog.shared().warnOnce("target-unmatched:" + target.name(), TargetReport.unmatchedMessage(target, delay.toSeconds()));
        }
    }
}
