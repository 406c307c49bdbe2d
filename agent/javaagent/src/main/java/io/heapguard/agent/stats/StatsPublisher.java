package io.heapguard.agent.stats;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.heapguard.agent.config.AgentSettings;
import io.heapguard.core.HeapGuard;
import io.heapguard.core.InternalLog;

/**
 * Publishes the guard's statistics outside the process: the stats file written on a POSIX signal
 * ({@code statsSignal}, default USR1: {@code kill -USR1 <pid>}) and the JMX MXBean
 * {@code io.heapguard:type=HeapGuard} ({@code jmx}). Failures to install either are counted as
 * internal errors (and logged once by the core), never thrown: the guard keeps working without them.
 *
 * <p>Design: the signal handler only sets a "dump pending" flag and queues one task on a single
 * daemon thread, so a burst of signals costs one or two dumps and the JDK's signal thread returns
 * at once. The thread ends after {@link #IDLE_THREAD_KEEP_ALIVE_SECONDS} without work.
 *
 * <p>Nothing here starts the guard core before it is needed: it is asked for ({@link Supplier}) when
 * a dump is written or the MXBean registered. With {@code jmx=true} (the default) that registration
 * starts the core {@code jmxDelay} after start-up in every JVM, off the start-up path; only with
 * {@code jmx=false} does a JVM that never loads an annotated class and is never asked for stats
 * never start it.
 * The MXBean is registered {@code jmxDelay} after start-up, on its own daemon thread: creating the
 * platform MBean server costs tens of milliseconds of start-up, and application servers that install
 * their own MBean server builder must do so before anyone creates the platform one.
 */
public final class StatsPublisher implements AutoCloseable {

    /** The MXBean's name. */
    public static final String OBJECT_NAME = "io.heapguard:type=HeapGuard";

    private static final long IDLE_THREAD_KEEP_ALIVE_SECONDS = 30;
    private static final int PENDING_DUMPS_CAPACITY = 1;
    private static final String THREAD_NAME = "heapguard-stats";
    private static final String JMX_THREAD_NAME = "heapguard-jmx";

    private final Supplier<HeapGuard> guard;
    private final StatsFileWriter writer;
    private final ThreadPoolExecutor dumper;
    private final AtomicBoolean dumpPending = new AtomicBoolean();
    private volatile SignalTrigger signalTrigger;
    private volatile ObjectName registeredName;
    private volatile Thread pendingRegistration;
    private volatile boolean closed;
    private final List<Supplier<String>> appendedMembers = new CopyOnWriteArrayList<>();

    private StatsPublisher(Supplier<HeapGuard> guard, StatsFileWriter writer) {
        this.guard = guard;
        this.writer = writer;
        this.dumper = new ThreadPoolExecutor(1, 1, IDLE_THREAD_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(PENDING_DUMPS_CAPACITY), runnable -> {
                    Thread thread = new Thread(runnable, THREAD_NAME);
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.DiscardPolicy());
        dumper.allowCoreThreadTimeOut(true);
    }

    /**
     * Installs the signal handler now and the MXBean after {@code jmxDelay}, as the settings ask.
     * Never throws for their failures.
     *
     * @param guard the guard core, started by the supplier on first use
     */
    public static StatsPublisher start(Supplier<HeapGuard> guard, AgentSettings settings) {
        // the file's path is asked for on the first dump: a {pid} in it costs start-up tens of milliseconds
        return start(guard, new StatsFileWriter(new SettingsStatsFile(settings), System.err), settings.statsSignal(),
                settings.jmxEnabled(), settings.jmxDelay());
    }

    /** As {@link #start(Supplier, AgentSettings)} for a guard that is already running. */
    public static StatsPublisher start(HeapGuard guard, AgentSettings settings) {
        return start(() -> guard, settings);
    }

    /**
     * @param statsFile   null for standard error
     * @param statsSignal null for no signal handler
     */
    static StatsPublisher start(HeapGuard guard, Path statsFile, String statsSignal, boolean jmx, PrintStream stderr) {
        return start(() -> guard, statsFile, statsSignal, jmx, Duration.ZERO, stderr);
    }

    /**
     * @param jmxDelay zero registers the MXBean before returning, anything longer on a daemon thread
     */
    static StatsPublisher start(Supplier<HeapGuard> guard, Path statsFile, String statsSignal, boolean jmx,
                                Duration jmxDelay, PrintStream stderr) {
        return start(guard, new StatsFileWriter(statsFile, stderr), statsSignal, jmx, jmxDelay);
    }

    private static StatsPublisher start(Supplier<HeapGuard> guard, StatsFileWriter writer, String statsSignal,
                                        boolean jmx, Duration jmxDelay) {
        StatsPublisher publisher = new StatsPublisher(guard, writer);
        if (statsSignal != null) {
            publisher.installSignal(statsSignal);
        }
        if (jmx) {
            if (jmxDelay.isZero()) {
                publisher.registerMXBean();
            } else {
                publisher.registerMXBeanAfter(jmxDelay);
            }
        }
        return publisher;
    }

    /**
     * Writes the stats now, on the calling thread.
     *
     * @return the file written, or null when the stats went to standard error
     */
    public Path dumpNow() throws IOException {
        return writer.write(document());
    }

    /**
     * Adds a top-level member the agent (not the core) knows, e.g. {@code "targets": {...}}, to every
     * dump from now on; the supplier returns {@code "name":value} or null for nothing.
     */
    public StatsPublisher appendMember(Supplier<String> member) {
        appendedMembers.add(member);
        return this;
    }

    /** The stats file's document: the core's, plus the members the agent appended. */
    private byte[] document() {
        return withAppendedMembers(guard.get().statsJson());
    }

    private byte[] withAppendedMembers(byte[] json) {
        if (appendedMembers.isEmpty()) {
            return json;
        }
        StringBuilder members = new StringBuilder();
        for (Supplier<String> member : appendedMembers) {
            String text = member.get();
            if (text != null) {
                members.append(',').append(text);
            }
        }
        String document = new String(json, StandardCharsets.UTF_8);
        int end = document.lastIndexOf('}');
        if (members.length() == 0 || end < 0) {
            return json;
        }
        return (document.substring(0, end) + members + document.substring(end)).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the signal handler is in place (false when disabled or refused by the JVM). */
    public boolean signalInstalled() {
        return signalTrigger != null;
    }

    /** Whether the MXBean is registered. */
    public boolean mxBeanRegistered() {
        return registeredName != null;
    }

    private void installSignal(String signalName) {
        try {
            signalTrigger = SignalTrigger.install(signalName, this::requestDump);
        } catch (SignalTrigger.IgnoredByProcess e) {
            // not an internal failure: the environment's choice, which only the user can change
            InternalLog.shared().warnOnce("stats-signal-ignored", "statsSignal=" + signalName + ": " + e.getMessage()
                    + "; kill -" + signalName + " will not write the stats. Use statsSignal=USR1 (the default) or WINCH,"
                    + " or JMX dumpStats");
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            guard.get().recordInternalError("stats signal SIG" + signalName + " (cannot install the handler;"
                    + " use JMX dumpStats or statsSignal=none)", e);
        }
    }

    private void registerMXBeanAfter(Duration delay) {
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException closedMeanwhile) {
                return;
            }
            registerMXBean();
        }, JMX_THREAD_NAME);
        thread.setDaemon(true);
        pendingRegistration = thread;
        thread.start();
    }

    private synchronized void registerMXBean() {
        if (closed) {
            return;
        }
        HeapGuard current = guard.get();
        try {
            ObjectName name = new ObjectName(OBJECT_NAME);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            server.registerMBean(new HeapGuardMXBeanImpl(current, writer, this::document), name);
            registeredName = name;
        } catch (Exception | LinkageError e) {
            current.recordInternalError("JMX registration of " + OBJECT_NAME + " (set jmx=false to skip it)", e);
        }
    }

    /** Called on the JDK's signal thread: queue at most one dump and return. */
    private void requestDump() {
        if (dumpPending.compareAndSet(false, true)) {
            try {
                dumper.execute(this::dumpFromSignal);
            } catch (RuntimeException e) {
                dumpPending.set(false);
                guard.get().recordInternalError("stats dump", e);
            }
        }
    }

    private void dumpFromSignal() {
        dumpPending.set(false); // a signal arriving from now on gets a fresh dump of its own
        try {
            dumpNow();
        } catch (Throwable e) {
            guard.get().recordInternalError("stats dump to " + (writer.target() == null ? "stderr" : writer.target()), e);
        }
    }

    /** Puts back the previous signal handler, unregisters the MXBean and stops the dump thread. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        Thread pending = pendingRegistration;
        if (pending != null) {
            pending.interrupt();
        }
        SignalTrigger trigger = signalTrigger;
        signalTrigger = null;
        if (trigger != null) {
            try {
                trigger.close();
            } catch (RuntimeException e) {
                guard.get().recordInternalError("restoring the SIG" + trigger.signalName() + " handler", e);
            }
        }
        ObjectName name = registeredName;
        registeredName = null;
        if (name != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (Exception e) {
                guard.get().recordInternalError("JMX unregistration of " + OBJECT_NAME, e);
            }
        }
        dumper.shutdown();
    }

    /** {@code settings.statsFile()}, asked on each dump (it resolves once and keeps the path). */
    private static final class SettingsStatsFile implements Supplier<Path> {
        private final AgentSettings settings;

        SettingsStatsFile(AgentSettings settings) {
            this.settings = settings;
        }

        @Override
        public Path get() {
            return settings.statsFile();
        }
    }
}
