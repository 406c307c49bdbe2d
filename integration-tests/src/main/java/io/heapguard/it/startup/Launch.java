package io.heapguard.it.startup;

import java.io.IOException;

/** Launches one variant once and times it; the process is gone when {@link #run} returns. */
interface Launch {

    Variant variant();

    RunSample run(int round, boolean warmup) throws IOException, InterruptedException;
}
