package io.heapguard.core;

/** Machine and process memory figures, -1 where unknown. Read by the sampler thread only. */
interface SystemMemoryProbe {

    long totalBytes();

    long availableBytes();

    long processRssBytes();

    /**
     * /proc on Linux (microseconds, no native code: no JNA "restricted method" warnings on JDK
     * 24+), OSHI elsewhere.
     */
    static SystemMemoryProbe create(InternalLog log) {
        SystemMemoryProbe procfs = ProcfsMemoryProbe.createIfAvailable();
        return procfs != null ? procfs : OshiMemoryProbe.create(log);
    }
}
