package io.heapguard.agent.internal;

import java.lang.instrument.Instrumentation;
import java.util.function.Supplier;

import io.heapguard.bootstrap.StrictModeExit;
import io.heapguard.bootstrap.AgentStart;
import io.heapguard.agent.config.AgentSettings;
import io.heapguard.agent.config.InvalidSettingsException;
import io.heapguard.agent.stats.StatsPublisher;
import io.heapguard.agent.targets.TargetIndex;
import io.heapguard.agent.targets.TargetReport;
import io.heapguard.spi.GuardBackends;
import io.heapguard.core.InternalLog;

/**
 * Starts the agent inside its isolated class loader, called through {@link AgentStart} by
 * {@code HeapGuardAgent.premain/agentmain}:
 * settings → (disabled: one line, nothing installed) → lazy {@code MemoryGuard} backend → class file
 * transformer → (attach: retransform loaded annotated classes) → retransform loaded classes that
 * configured targets name → on one background thread, off the application's start path: the stats
 * signal handler (and the MXBean after {@code jmxDelay}), the weaver warm-up, then (with targets) the
 * report of targets that matched nothing after {@code targetCheckDelay}.
 *
 * <p>{@code premain} itself starts nothing heavy. The guard core starts when first needed
 * ({@link GuardRuntime}): the first annotated class, the first {@code MemoryGuard} call, a stats dump
 * or the MXBean. Byte Buddy loads with the weaver, ahead of time when the application carries the
 * annotations ({@link WeaverWarmUp}). docs/benchmarks.md has what each step costs.
 *
 * <p>Invalid configuration prints one message and leaves the application running unguarded; with
 * {@code strict=true} it stops the JVM instead ({@link StrictModeExit}).
 */
public final class AgentInstaller implements AgentStart.Installer {

    private static final String BACKGROUND_THREAD_NAME = "heapguard-start";

    static {
        AgentStart.register(new AgentInstaller());
    }

    private AgentInstaller() {
    }

    @Override
    public void install(String agentArgs, Instrumentation instrumentation, boolean attached, ClassLoader agentLoader) {
        start(agentArgs, instrumentation, attached, agentLoader);
    }

    private static void start(String agentArgs, Instrumentation instrumentation, boolean attached,
                               ClassLoader agentLoader) {
        AgentSettings settings;
        try {
            settings = AgentSettings.load(agentArgs, System.getProperties(), System.getenv(),
                    Runtime.getRuntime().maxMemory());
        } catch (InvalidSettingsException e) {
            if (e.strict()) {
                throw new StrictModeExit(e.getMessage());
            }
            InternalLog.shared().warn(e.getMessage()
                    + " -- the application runs unguarded (with strict=true the JVM would stop)");
            return;
        }
        if (!settings.enabled()) {
            InternalLog.shared().info("disabled (enabled=false): no class is transformed, MemoryGuard admits everything");
            return;
        }
        GuardRuntime runtime = new GuardRuntime(settings.guardConfig());
        GuardBackends.install(new LazyGuardBackend(runtime));
        ForeignApiCopies foreignApi = null; // none: made by the weaver's start, not on premain's path
        if (attached) {
            // the application runs already: it may hold its own copies of the API, and guarding starts now
            foreignApi = ForeignApiCopies.find(instrumentation);
            foreignApi.installFacades(runtime.guard());
        }
        TargetIndex targetIndex = TargetIndex.of(settings.targets());
        TargetReport targetReport = new TargetReport(settings.targets());
        AnnotationGate gate = new AnnotationGate(instrumentation, agentLoader,
                new WeaverStart(runtime, settings.strict(), foreignApi, targetIndex, targetReport), targetIndex);
        instrumentation.addTransformer(gate, true);
        if (attached) {
            LoadedClassRetransformer.retransformAnnotated(instrumentation, agentLoader);
        }
        // targeted classes loaded before us: JDK classes at start-up, the whole application on attach
        // (checked here too, so that without targets the retransformer's class is not even loaded)
        if (!targetIndex.isEmpty()) {
            TargetRetransformer.retransformLoaded(instrumentation, targetIndex, agentLoader);
        }
        // one thread, not two: on a small machine every runnable thread slows the application's start
        new BackgroundThread(BACKGROUND_THREAD_NAME, new StatsStart(runtime, settings, targetReport),
                attached ? null : new WeaverWarmUp(runtime, agentLoader, !targetIndex.isEmpty(), gate),
                targetIndex.isEmpty() ? null : new TargetCheck(targetReport, settings.targetCheckDelay())).start();
    }

    // Named classes rather than lambdas: the first lambda in a JVM costs milliseconds of start-up.

    /**
     * What the first annotated class needs: the guard core, the woven-call dispatcher and Byte Buddy.
     * The work is in {@link WeaverAssembly}, so that verifying this class in {@code premain} loads none
     * of the classes it uses.
     */
    private static final class WeaverStart implements Supplier<ClassWeaver> {
        private final GuardRuntime runtime;
        private final boolean strict;
        private final ForeignApiCopies foreignApi;
        private final TargetIndex targetIndex;
        private final TargetReport targetReport;

        /** @param foreignApi null: the application holds no copies of the API (started with the JVM) */
        WeaverStart(GuardRuntime runtime, boolean strict, ForeignApiCopies foreignApi, TargetIndex targetIndex,
                    TargetReport targetReport) {
            this.runtime = runtime;
            this.strict = strict;
            this.foreignApi = foreignApi;
            this.targetIndex = targetIndex;
            this.targetReport = targetReport;
        }

        @Override
        public ClassWeaver get() {
            return WeaverAssembly.assemble(runtime.guard(), strict, foreignApi, targetIndex, targetReport);
        }
    }

    private static final class StatsStart implements Runnable {
        private final GuardRuntime runtime;
        private final AgentSettings settings;
        private final TargetReport targetReport;

        StatsStart(GuardRuntime runtime, AgentSettings settings, TargetReport targetReport) {
            this.runtime = runtime;
            this.settings = settings;
            this.targetReport = targetReport;
        }

        @Override
        public void run() {
            StatsPublisher.start(runtime, settings).appendMember(new TargetMember(targetReport));
        }
    }

    /** The stats document's {@code targets} member. */
    private static final class TargetMember implements Supplier<String> {
        private final TargetReport report;

        TargetMember(TargetReport report) {
            this.report = report;
        }

        @Override
        public String get() {
            return report.toJsonMember();
        }
    }

    /**
     * Installs the stats signal handler, then warms the weaver up; a failure of either is one line on
     * stderr, never an uncaught exception in the host.
     */
    private static final class BackgroundThread extends Thread {
        private final Runnable stats;
        private final Runnable warmUp;
        private final Runnable targetCheck;

        /**
         * @param warmUp      null to skip it (runtime attach: the annotated classes are woven already)
         * @param targetCheck null without targets
         */
        BackgroundThread(String name, Runnable stats, Runnable warmUp, Runnable targetCheck) {
            super(name);
            this.stats = stats;
            this.warmUp = warmUp;
            this.targetCheck = targetCheck;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                stats.run();
            } catch (Throwable e) {
                InternalLog.shared().warn("stats publishing (signal, stats file, JMX) failed to start; guarding continues: " + e);
            }
            if (warmUp != null) {
                warmUp.run(); // counts its own failures
            }
            if (targetCheck != null) {
                targetCheck.run(); // waits for targetCheckDelay, then reports what matched nothing
            }
        }
    }
}
