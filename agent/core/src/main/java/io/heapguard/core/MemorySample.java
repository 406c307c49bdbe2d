package io.heapguard.core;

/**
 * Memory figures read off the hot path by the sampler; -1 where unknown.
 *
 * @param heapUsedBytes        heap in use now, garbage included
 * @param heapMaxBytes         the JVM's max heap
 * @param systemTotalBytes     physical memory of the machine
 * @param systemAvailableBytes physical memory available to new work
 * @param processRssBytes      this process's resident set size
 */
record MemorySample(long heapUsedBytes, long heapMaxBytes, long systemTotalBytes, long systemAvailableBytes,
                    long processRssBytes) {

    static final MemorySample UNKNOWN = new MemorySample(-1, -1, -1, -1, -1);
}
