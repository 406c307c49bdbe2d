package io.heapguard.core;

import oshi.SystemInfo;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Machine and process memory through OSHI, where /proc is not available. Its first use costs
 * ~170 ms, so it is only created on the sampler thread. When OSHI cannot run here (no JNA native
 * library, say) every figure is -1.
 */
final class OshiMemoryProbe implements SystemMemoryProbe {

    private static final long UNKNOWN = -1;
    /** SLF4J 2 prints "No SLF4J providers were found" to stderr unless told to report errors only. */
    private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";
    private final InternalLog log;
    private final GlobalMemory memory;
    private final OperatingSystem os;
    private final int pid;
    private volatile boolean broken;

    private OshiMemoryProbe(InternalLog log, GlobalMemory memory, OperatingSystem os, int pid) {
        this.log = log;
        this.memory = memory;
        this.os = os;
        this.pid = pid;
        this.broken = memory == null;
    }

    static SystemMemoryProbe create(InternalLog log) {
        // OSHI's logging must not print SLF4J set-up warnings into the host's stderr; the property is
        // only read while SLF4J initialises, so it is restored right after
        boolean quietened = System.getProperty(SLF4J_VERBOSITY) == null;
        if (quietened) {
            System.setProperty(SLF4J_VERBOSITY, "ERROR");
        }
        try {
            SystemInfo info = new SystemInfo();
            OperatingSystem os = info.getOperatingSystem();
            GlobalMemory memory = info.getHardware().getMemory();
            memory.getTotal();
            return new OshiMemoryProbe(log, memory, os, os.getProcessId());
        } catch (Throwable t) {
            log.warnOnce("oshi", "system and process memory figures are unavailable (OSHI failed)", t);
            return new OshiMemoryProbe(log, null, null, -1);
        } finally {
            if (quietened) {
                System.clearProperty(SLF4J_VERBOSITY);
            }
        }
    }

    @Override
    public long totalBytes() {
        return read(() -> memory.getTotal());
    }

    @Override
    public long availableBytes() {
        return read(() -> memory.getAvailable());
    }

    @Override
    public long processRssBytes() {
        return read(() -> {
            OSProcess process = os.getProcess(pid);
            return process == null ? UNKNOWN : process.getResidentSetSize();
        });
    }

    private long read(java.util.function.LongSupplier figure) {
        if (broken) {
            return UNKNOWN;
        }
        try {
            return figure.getAsLong();
        } catch (Throwable t) {
            broken = true;
            log.warnOnce("oshi-read", "system and process memory figures are unavailable from now on (OSHI failed)", t);
            return UNKNOWN;
        }
    }
}
