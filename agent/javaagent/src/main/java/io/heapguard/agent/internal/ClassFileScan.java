package io.heapguard.agent.internal;

import java.nio.charset.StandardCharsets;

import io.heapguard.agent.classfile.Utf8Constants;

/**
 * Tells, without parsing, whether a class file mentions the heapguard annotations: a class that uses
 * one has its type descriptor as a {@code CONSTANT_Utf8} entry of its constant pool, and a walk of the
 * pool finds it in a few hundred steps ({@link Utf8Constants}). This keeps Byte Buddy away from every
 * class that does not use the annotations, and out of JVMs none of whose classes do.
 */
final class ClassFileScan {

    static final byte[] MEMORY_AWARE = "Lio/heapguard/MemoryAware;".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ON_MEMORY_PRESSURE = "Lio/heapguard/OnMemoryPressure;".getBytes(StandardCharsets.US_ASCII);

    private static final Utf8Constants ANNOTATION_DESCRIPTORS = new Utf8Constants(
            new String(MEMORY_AWARE, StandardCharsets.US_ASCII), new String(ON_MEMORY_PRESSURE, StandardCharsets.US_ASCII));

    private ClassFileScan() {
    }

    /**
     * The annotation descriptors and {@code more} words in one walk: an application class is looked at
     * once for the annotations and the configured targets' method names.
     */
    static Utf8Constants annotationsAnd(String... more) {
        String[] words = new String[2 + more.length];
        words[0] = new String(MEMORY_AWARE, StandardCharsets.US_ASCII);
        words[1] = new String(ON_MEMORY_PRESSURE, StandardCharsets.US_ASCII);
        System.arraycopy(more, 0, words, 2, more.length);
        return new Utf8Constants(words);
    }

    static boolean mentionsAnnotations(byte[] classFile) {
        return ANNOTATION_DESCRIPTORS.anyIn(classFile);
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        return Utf8Constants.contains(haystack, needle);
    }
}
