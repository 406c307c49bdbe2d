package io.heapguard.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads {@code MemTotal} and {@code MemAvailable} from /proc/meminfo and {@code VmRSS} from
 * /proc/self/status. Values there are in KiB.
 */
final class ProcfsMemoryProbe implements SystemMemoryProbe {

    private static final Path MEMINFO = Path.of("/proc/meminfo");
    private static final Path SELF_STATUS = Path.of("/proc/self/status");
    private static final long BYTES_PER_KIB = 1024;
    private static final long UNKNOWN = -1;

    private ProcfsMemoryProbe() {
    }

    /** The probe, or null when /proc does not answer here. */
    static SystemMemoryProbe createIfAvailable() {
        ProcfsMemoryProbe probe = new ProcfsMemoryProbe();
        return probe.totalBytes() > 0 && probe.processRssBytes() > 0 ? probe : null;
    }

    @Override
    public long totalBytes() {
        return field(MEMINFO, "MemTotal:");
    }

    @Override
    public long availableBytes() {
        return field(MEMINFO, "MemAvailable:");
    }

    @Override
    public long processRssBytes() {
        return field(SELF_STATUS, "VmRSS:");
    }

    private static long field(Path file, String name) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            for (String line : lines) {
                if (line.startsWith(name)) {
                    return parseKib(line.substring(name.length()));
                }
            }
            return UNKNOWN;
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** {@code "   24683620 kB"} to bytes. */
    static long parseKib(String rest) {
        String digits = rest.trim();
        int space = digits.indexOf(' ');
        if (space > 0) {
            digits = digits.substring(0, space);
        }
        return Long.parseLong(digits) * BYTES_PER_KIB;
    }
}
