package io.heapguard.core;

import java.util.concurrent.ThreadFactory;

/** Names the guard's background threads and makes them daemons: they never keep the JVM alive. */
final class DaemonThreads {

    private DaemonThreads() {
    }

    static ThreadFactory named(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        };
    }
}
