package io.heapguard.demo.index;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CancellationException;

/**
 * Runs the complete index build on its own thread while a keyword index is served, then switches
 * the live index to the result. A failed build leaves keyword search serving and says why
 * (readiness FAILED); closing the live index stops the build at its next chunk and waits a little
 * for it to clean up its staging directory (what it cannot remove, {@link StaleBuilds} removes on
 * the next start).
 */
final class BackgroundBuild {

    /** The build: given the progress to report (which throws once the server is closing), returns the verified complete index. */
    @FunctionalInterface
    interface CompleteBuild {
        SearchIndex run(BuildProgress progress) throws IOException;
    }

    private BackgroundBuild() {
    }

    static Thread start(LiveIndex live, PrintStream log, CompleteBuild build) {
        Thread thread = new Thread(() -> run(live, log, build), "vector-build");
        thread.setDaemon(true); // a build never keeps a stopped server's JVM alive
        live.attachBuild(thread);
        thread.start();
        return thread;
    }

    private static void run(LiveIndex live, PrintStream log, CompleteBuild build) {
        try {
            SearchIndex complete = build.run((done, total) -> live.progress(done));
            log.println("vectors built: serving the complete index of " + complete.stats().docs() + " documents");
            live.switchTo(complete);
        } catch (CancellationException e) {
            // the server is closing; the build removed its staging directory on the way out
        } catch (IOException | RuntimeException e) {
            live.fail(e);
            log.println("vector build failed (" + e + "); keyword and fuzzy search keep working,"
                    + " vector, exact and hybrid answer 503 until a restart");
        }
    }
}
