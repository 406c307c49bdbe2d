package io.heapguard.it.overload;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * What the overload ITs share: the built jars (aborting the test, visibly, when they are not
 * built), one small index slice built once into {@code target/it-work}, and the forked service's
 * settings.
 */
final class OverloadFixture {

    /** A slice of WordNet: big enough that the heavy requests are heavy, small enough to index in seconds. */
    static final int IT_DOC_LIMIT = 20_000;
    static final int IT_HEAP_MEGABYTES = 256;
    static final int IT_SERVER_THREADS = 32;

    private static IOException indexFailure;
    private static boolean indexReady;

    private OverloadFixture() {
    }

    /** Settings for forked services; aborts the test (reported as skipped, with the reason) without the jars. */
    static ServerSettings settings() {
        Path demoJar = jar("heapguard.demo.jar", "../demo-app/target/heapguard-demo.jar");
        Path agentJar = jar("heapguard.agent.jar", "../agent/javaagent/target/heapguard-agent.jar");
        Path work = Path.of(System.getProperty("heapguard.it.work", "target/it-work")).toAbsolutePath();
        ServerSettings settings = new ServerSettings(ServerSettings.currentJava(), demoJar, agentJar, IT_HEAP_MEGABYTES,
                IT_SERVER_THREADS, work.resolve("overload-index-" + IT_DOC_LIMIT), IT_DOC_LIMIT, work.resolve("overload-logs"));
        String missing = settings.missingJars(true);
        Assumptions.assumeTrue(missing == null, () -> "SKIPPED: " + missing);
        ensureIndex(settings);
        return settings;
    }

    private static Path jar(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath();
    }

    /** Builds the index slice once per test JVM; a failed build fails every test that needs it. */
    private static synchronized void ensureIndex(ServerSettings settings) {
        if (indexReady) {
            return;
        }
        if (indexFailure == null) {
            try {
                DemoIndex.Outcome outcome = DemoIndex.ensure(settings);
                System.out.println(outcome.built()
                        ? "overload ITs: built the index slice (" + IT_DOC_LIMIT + " docs) in " + outcome.buildMillis() + " ms"
                        : "overload ITs: reusing the index slice at " + outcome.indexDir());
                indexReady = true;
                return;
            } catch (IOException e) {
                indexFailure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                indexFailure = new IOException("interrupted while building the index", e);
            }
        }
        throw new IllegalStateException("could not build the overload index slice: " + indexFailure.getMessage(), indexFailure);
    }

    static String logsOf(OverloadRun run) {
        return run.server().describe();
    }
}
