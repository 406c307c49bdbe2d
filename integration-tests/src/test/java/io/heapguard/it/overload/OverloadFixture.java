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

    /**
     * A slice of WordNet, small enough to index in about a minute on 2 busy cores. The heaviest
     * requests (batches of 1000 cached queries, k=100) do not depend on the corpus size.
     */
    static final int IT_DOC_LIMIT = 6_000;
    static final int IT_HEAP_MEGABYTES = 256;
    static final int IT_SERVER_THREADS = 64;
    /** Long enough for the slow readers to fill an unguarded heap on a busy machine. */
    static final long IT_LOAD_SECONDS = 20;

    private static IOException indexFailure;
    private static boolean indexReady;
    private static ServerSettings snapshot;

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
        return snapshotJars(settings, work.resolve("overload-jars"));
    }

    /** Copies the jars once per test JVM, so a rebuild in the checkout cannot break a running service. */
    private static synchronized ServerSettings snapshotJars(ServerSettings settings, Path dir) {
        if (snapshot == null) {
            try {
                snapshot = settings.withJarSnapshots(dir);
            } catch (IOException e) {
                throw new IllegalStateException("could not copy the jars to " + dir + ": " + e.getMessage(), e);
            }
        }
        return snapshot;
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

    /** A run of the standard mix under the given protection and shape. */
    static RunSpec spec(String name, Protection protection, WorkloadShape shape, long drainMillis, long seed) {
        return new RunSpec(name, protection, shape, RequestMix.standard(),
                OverloadPlans.forShape(shape, IT_LOAD_SECONDS, drainMillis, seed), settings());
    }
}
