package io.heapguard.demo.index;

/**
 * A snapshot of the vector build, and its state machine: {@code BUILDING -> READY} or
 * {@code BUILDING -> FAILED}, nothing else (READY and FAILED are final). Immutable; each
 * transition returns the next snapshot or throws {@link IllegalStateException}.
 *
 * @param docsDone   documents embedded and added so far
 * @param docsTotal  documents in the slice
 * @param etaSeconds estimated seconds left while building, -1 when unknown (nothing done yet)
 * @param failure    why the build failed (FAILED only), else null
 */
public record VectorReadiness(VectorState state, long docsDone, long docsTotal, long etaSeconds, String failure) {

    /** Retry-After when no rate is known yet: a first chunk takes seconds, not minutes. */
    static final long UNKNOWN_ETA_RETRY_SECONDS = 10;
    /** A client told to come back much later would miss the switch by as much; poll at least this often. */
    static final long MAX_RETRY_SECONDS = 60;

    public VectorReadiness {
        if (state == null || docsTotal < 0 || docsDone < 0 || docsDone > docsTotal || etaSeconds < -1
                || (failure != null) != (state == VectorState.FAILED)) {
            throw new IllegalArgumentException("inconsistent readiness: " + state + " " + docsDone + "/" + docsTotal
                    + " eta " + etaSeconds + " failure " + failure);
        }
    }

    public static VectorReadiness building(long docsTotal) {
        return new VectorReadiness(VectorState.BUILDING, 0, docsTotal, -1, null);
    }

    public static VectorReadiness ready(long docs) {
        return new VectorReadiness(VectorState.READY, docs, docs, 0, null);
    }

    public boolean vectorsReady() {
        return state == VectorState.READY;
    }

    /** Progress of a running build; {@code done} never goes back. */
    VectorReadiness advancedTo(long done, long etaSeconds) {
        requireBuilding("advance");
        if (done < docsDone || done > docsTotal) {
            throw new IllegalArgumentException("progress " + done + " after " + docsDone + " of " + docsTotal);
        }
        return new VectorReadiness(VectorState.BUILDING, done, docsTotal, etaSeconds, null);
    }

    VectorReadiness completed() {
        requireBuilding("complete");
        return ready(docsTotal);
    }

    VectorReadiness failed(String why) {
        requireBuilding("fail");
        return new VectorReadiness(VectorState.FAILED, docsDone, docsTotal, -1, why == null ? "unknown error" : why);
    }

    /**
     * What a refused client should wait before asking again: the build's remaining time (1 s to
     * {@link #MAX_RETRY_SECONDS}), or -1 when asking again cannot help (READY, FAILED).
     */
    public long retryAfterSeconds() {
        return switch (state) {
            case BUILDING -> etaSeconds < 0 ? UNKNOWN_ETA_RETRY_SECONDS : Math.max(1, Math.min(MAX_RETRY_SECONDS, etaSeconds));
            case READY, FAILED -> -1;
        };
    }

    private void requireBuilding(String transition) {
        if (state != VectorState.BUILDING) {
            throw new IllegalStateException("cannot " + transition + " a vector build that is " + state.jsonName());
        }
    }
}
