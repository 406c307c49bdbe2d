package io.heapguard.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.List;

import io.heapguard.agent.estimate.EstimateExpression;

/**
 * Loads Byte Buddy on a background thread from {@code premain}, while the application starts, when
 * something will be woven: the first weave then costs a few milliseconds instead of a few hundred on
 * the thread that loads the first annotated or targeted class. "Something will be woven" is decided
 * from facts that hold for every packaging:
 * <ul>
 *   <li>targets are configured (they name their classes; no class path needs to be searched);</li>
 *   <li>the system class loader sees a copy of the annotations other than the agent's own (flat class
 *       path, extracted fat jar);</li>
 *   <li>the application is launched from a jar that nests its libraries (Spring Boot's
 *       {@code BOOT-INF/lib}, {@code WEB-INF/lib}): the system loader cannot see what those carry, and
 *       such applications are large enough that a needless warm-up (~0.3 s of one background thread)
 *       is small beside their start, while a missed one costs their main thread 0.4-2 s.</li>
 * </ul>
 * Then it builds the weaver ({@link AnnotationGate#assembleWeaver}), which the first class to weave
 * would otherwise build on its own thread. A plain JVM with no heapguard-api and no targets (the agent
 * added to every JVM of a fleet) skips it and pays nothing. The check runs on the background thread too: it may open every jar on the class path.
 */
final class WeaverWarmUp implements Runnable {

    private static final String SAMPLE_CLASS = "io.heapguard.agent.internal.WarmUpSample";
    private static final String ANNOTATION_RESOURCE = "io/heapguard/MemoryAware.class";

    private final GuardRuntime runtime;
    private final ClassLoader agentLoader;
    private final boolean targetsConfigured;
    private final AnnotationGate gate;

    WeaverWarmUp(GuardRuntime runtime, ClassLoader agentLoader, boolean targetsConfigured, AnnotationGate gate) {
        this.runtime = runtime;
        this.agentLoader = agentLoader;
        this.targetsConfigured = targetsConfigured;
        this.gate = gate;
    }

    @Override
    public void run() {
        try {
            if (targetsConfigured || applicationCarriesAnnotations() || NestedJarLauncher.isRunning()) {
                runtime.guard(); // cheap here; its MXBean work goes to the core's own thread
                ClassWeaver.preload(SAMPLE_CLASS, sampleClassFile());
                EstimateExpression.parse("min(len(items), 100) * 1KB + 64KB", List.of("items"), List.of("java.util.List"));
                // the weaver itself too: in a Spring Boot start the first annotated class loads on the main thread
                gate.assembleWeaver();
            }
        } catch (Throwable e) {
            // only speed is lost: the first annotated class loads Byte Buddy itself
            runtime.guard().recordInternalError("warming up the weaver", e);
        }
    }

    /** Whether the system class loader sees a copy of the annotations other than the agent's own. */
    private boolean applicationCarriesAnnotations() throws IOException {
        String agentJar = agentLoader.getResource(sampleResource()).toString();
        String agentJarPrefix = agentJar.substring(0, agentJar.indexOf("!/") + 2);
        Enumeration<URL> copies = ClassLoader.getSystemClassLoader().getResources(ANNOTATION_RESOURCE);
        while (copies.hasMoreElements()) {
            if (!copies.nextElement().toString().startsWith(agentJarPrefix)) {
                return true;
            }
        }
        return false;
    }

    private byte[] sampleClassFile() throws IOException {
        try (InputStream in = agentLoader.getResourceAsStream(sampleResource())) {
            if (in == null) {
                throw new IOException("heapguard agent jar has no " + sampleResource());
            }
            return in.readAllBytes();
        }
    }

    private static String sampleResource() {
        return SAMPLE_CLASS.replace('.', '/') + ".class";
    }
}
