package io.heapguard.it.soak;

/**
 * One look at the soaked service: the guard's figures from {@code GET /stats} and the process's own
 * from {@code /proc} and {@code jstat}. -1 where a figure could not be read.
 */
record SoakSample(long atSeconds, long liveAfterGc, long reservedBytes, long inFlight, long admitted, long rejected,
                  long leaks, long internalErrors, int threads, int heapguardThreads, long loadedClasses,
                  long rssKilobytes) {

    static final String CSV_HEADER = "seconds,liveAfterGc,reservedBytes,inFlight,admitted,rejected,leaks,"
            + "internalErrors,threads,heapguardThreads,loadedClasses,rssKiB";

    String csv() {
        return atSeconds + "," + liveAfterGc + "," + reservedBytes + "," + inFlight + "," + admitted + "," + rejected
                + "," + leaks + "," + internalErrors + "," + threads + "," + heapguardThreads + "," + loadedClasses
                + "," + rssKilobytes;
    }
}
