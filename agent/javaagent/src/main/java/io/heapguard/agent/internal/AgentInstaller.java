package io.heapguard.agent.internal;

import java.lang.instrument.Instrumentation;

import io.heapguard.agent.StrictModeExit;
import io.heapguard.agent.bootstrap.WovenCalls;
import io.heapguard.agent.config.AgentSettings;
import io.heapguard.agent.stats.StatsPublisher;
import io.heapguard.core.ConfigException;
import io.heapguard.core.HeapGuard;
import io.heapguard.spi.GuardBackends;

/**
 * Starts the agent inside its isolated class loader, called reflectively by
 * {@code HeapGuardAgent.premain/agentmain}:
 * settings → (disabled: one line, nothing installed) → lazy {@code MemoryGuard} backend → class file
 * transformer → (attach: retransform loaded annotated classes) → on background threads, off the
 * application's start path: the stats signal handler, the MXBean after {@code jmxDelay}, and the
 * weaver warm-up.
 *
 * <p>{@code premain} itself starts nothing heavy. The guard core starts when first needed
 * ({@link GuardRuntime}): the first annotated class, the first {@code MemoryGuard} call, a stats dump
 * or the MXBean. Byte Buddy loads with the weaver, ahead of time when the application carries the
 * annotations ({@link WeaverWarmUp}). docs/benchmarks.md has what each step costs.
 *
 * <p>Invalid configuration prints one message and leaves the application running unguarded; with
 * {@code strict=true} it stops the JVM instead ({@link StrictModeExit}).
 */
public final class AgentInstaller {

    private static final String STATS_THREAD_NAME = "heapguard-start";

    private AgentInstaller() {
    }

    public static void install(String agentArgs, Instrumentation instrumentation, boolean attached,
                               ClassLoader agentLoader) {
        AgentSettings settings;
        try {
            settings = AgentSettings.load(agentArgs, System.getProperties(), System.getenv(),
                    Runtime.getRuntime().maxMemory());
        } catch (ConfigException e) {
            if (StrictFlag.requested(agentArgs, System.getProperties(), System.getenv())) {
                throw new StrictModeExit(e.getMessage());
            }
            String message = e.getMessage().startsWith("heapguard:") ? e.getMessage() : "heapguard: " + e.getMessage();
            System.err.println(message + " -- the application runs unguarded (with strict=true the JVM would stop)");
            return;
        }
        if (!settings.enabled()) {
            AgentLog.info("disabled (enabled=false): no class is transformed, MemoryGuard admits everything");
            return;
        }
        GuardRuntime runtime = new GuardRuntime(settings.guardConfig());
        GuardBackends.install(new LazyGuardBackend(runtime));
        ForeignApiCopies foreignApi = ForeignApiCopies.none();
        if (attached) {
            // the application runs already: it may hold its own copies of the API, and guarding starts now
            foreignApi = ForeignApiCopies.find(instrumentation);
            foreignApi.installFacades(runtime.guard());
        }
        ForeignApiCopies apiCopies = foreignApi;
        AnnotationGate gate = new AnnotationGate(instrumentation, agentLoader,
                () -> startWeaving(runtime, settings.strict(), apiCopies));
        instrumentation.addTransformer(gate, true);
        if (attached) {
            LoadedClassRetransformer.retransformAnnotated(instrumentation, agentLoader);
        } else {
            startInBackground(WeaverWarmUp.THREAD_NAME, new WeaverWarmUp(runtime, agentLoader),
                    "warming up the weaver failed; the first annotated class loads Byte Buddy itself");
        }
        startInBackground(STATS_THREAD_NAME, () -> StatsPublisher.start(runtime::guard, settings),
                "stats publishing (signal, stats file, JMX) failed to start; guarding continues");
    }

    /** What the first annotated class needs: the guard core, the woven-call dispatcher and Byte Buddy. */
    private static ClassWeaver startWeaving(GuardRuntime runtime, boolean strict, ForeignApiCopies foreignApi) {
        HeapGuard guard = runtime.guard();
        IdRegistry<GuardedMethod> methods = new IdRegistry<>();
        PressureHooks pressureHooks = new PressureHooks(guard);
        WovenCalls.install(new GuardedCallHandler(guard, methods, pressureHooks));
        GuardedMethodFactory methodFactory = new GuardedMethodFactory(guard, methods, strict, foreignApi);
        return new ClassWeaver(methodFactory, pressureHooks);
    }

    private static void startInBackground(String name, Runnable task, String failure) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } catch (Throwable e) {
                AgentLog.warn(failure + ": " + e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }
}
