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
 * settings → (disabled: one line, nothing installed) → guard core → {@code MemoryGuard} backend →
 * dispatcher for woven code → class file transformer → (attach: retransform loaded annotated classes)
 * → stats publisher (signal, file, JMX) on a background thread, off the application's start path.
 *
 * <p>Invalid configuration prints one message and leaves the application running unguarded; with
 * {@code strict=true} it stops the JVM instead ({@link StrictModeExit}).
 */
public final class AgentInstaller {

    private static final String BACKGROUND_THREAD_NAME = "heapguard-start";

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
        HeapGuard guard = HeapGuard.start(settings.guardConfig());
        GuardBackends.install(guard);
        ForeignApiCopies foreignApi = attached ? ForeignApiCopies.find(instrumentation) : ForeignApiCopies.none();
        foreignApi.installFacades(guard);

        IdRegistry<GuardedMethod> methods = new IdRegistry<>();
        PressureHooks pressureHooks = new PressureHooks(guard);
        WovenCalls.install(new GuardedCallHandler(guard, methods, pressureHooks));
        GuardedMethodFactory methodFactory = new GuardedMethodFactory(guard, methods, settings.strict(), foreignApi);
        AnnotationGate gate = new AnnotationGate(instrumentation, agentLoader,
                () -> new ClassWeaver(methodFactory, pressureHooks));
        instrumentation.addTransformer(gate, true);
        if (attached) {
            LoadedClassRetransformer.retransformAnnotated(instrumentation, agentLoader);
        }
        startInBackground(() -> StatsPublisher.start(guard, settings));
    }

    private static void startInBackground(Runnable task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } catch (Throwable e) {
                AgentLog.warn("stats publishing (signal, stats file, JMX) failed to start; guarding continues: " + e);
            }
        }, BACKGROUND_THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }
}
