package io.heapguard.agent.internal;

import java.nio.charset.StandardCharsets;

/**
 * Tells, without parsing, whether a class file mentions the heapguard annotations: their type
 * descriptors appear verbatim (modified UTF-8 equals ASCII here) in the constant pool of any class
 * that uses them. A plain byte search costs ~30 ms over a whole application start and keeps Byte
 * Buddy out of JVMs whose classes never use the annotations.
 */
final class ClassFileScan {

    static final byte[] MEMORY_AWARE = "Lio/heapguard/MemoryAware;".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ON_MEMORY_PRESSURE = "Lio/heapguard/OnMemoryPressure;".getBytes(StandardCharsets.US_ASCII);

    private ClassFileScan() {
    }

    static boolean mentionsAnnotations(byte[] classFile) {
        return contains(classFile, MEMORY_AWARE) || contains(classFile, ON_MEMORY_PRESSURE);
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        byte first = needle[0];
        int last = haystack.length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
