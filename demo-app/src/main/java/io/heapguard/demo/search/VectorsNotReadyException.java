package io.heapguard.demo.search;

import io.heapguard.demo.index.VectorReadiness;

/**
 * A search that needs the vectors while they are still being built (or their build failed): the
 * server answers 503 with the build's state and progress, and {@code Retry-After} while building.
 */
public final class VectorsNotReadyException extends RuntimeException {

    private final transient SearchMode mode;
    private final transient VectorReadiness readiness;

    public VectorsNotReadyException(SearchMode mode, VectorReadiness readiness) {
        super(message(mode, readiness));
        this.mode = mode;
        this.readiness = readiness;
    }

    public SearchMode mode() {
        return mode;
    }

    public VectorReadiness readiness() {
        return readiness;
    }

    private static String message(SearchMode mode, VectorReadiness readiness) {
        return switch (readiness.state()) {
            case BUILDING -> mode.cliName() + " search is not available yet: the embeddings are being built ("
                    + readiness.docsDone() + "/" + readiness.docsTotal() + " documents); keyword and fuzzy search work now";
            case FAILED -> mode.cliName() + " search is not available: the embedding build failed ("
                    + readiness.failure() + "); keyword and fuzzy search work, restart to retry the build";
            case READY -> mode.cliName() + " search found an index without vectors"; // a bug: never while READY
        };
    }
}
