package io.heapguard.agent.classfile;

import java.nio.charset.StandardCharsets;

/**
 * Tells, for every class the JVM loads, whether its constant pool holds one of a few given
 * {@code CONSTANT_Utf8} entries: an annotation's type descriptor ({@code Lio/heapguard/MemoryAware;}) or a
 * targeted method's name. A class that uses an annotation or declares a method names it in exactly
 * such an entry.
 *
 * <p>Why not a byte search over the whole file: the transformer sees every class a framework loads (a
 * Spring Boot web application: ~8,000 before it serves), and one search per word read every byte of
 * every class several times, most of it while the search still ran interpreted. This walks the pool
 * entry by entry, stepping over each entry by its length, and compares only the text of entries exactly
 * as long as a word: a few hundred steps per class. A class file it cannot walk (an unknown tag, a
 * truncated pool) gets the byte search instead, so no class is ever waved through unseen.
 *
 * <p>Plain Java without lambdas: it runs inside the class file transformer from {@code premain} on.
 */
public final class Utf8Constants {

    private static final int MAGIC = 0xCAFEBABE;
    private static final int POOL_START = 10;

    private final byte[][] words;
    private final int shortest;
    private final int longest;

    /** @param words the entries' text (UTF-8 equals the class file's modified UTF-8 but for NUL and supplementary characters) */
    public Utf8Constants(String... words) {
        this.words = new byte[words.length][];
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int i = 0; i < words.length; i++) {
            this.words[i] = words[i].getBytes(StandardCharsets.UTF_8);
            min = Math.min(min, this.words[i].length);
            max = Math.max(max, this.words[i].length);
        }
        this.shortest = min;
        this.longest = max;
    }

    /** Whether the class file's constant pool has an entry equal to one of the words. */
    public boolean anyIn(byte[] classFile) {
        if (words.length == 0) {
            return false;
        }
        if (classFile.length < POOL_START || u4(classFile, 0) != MAGIC) {
            return anyBytesIn(classFile);
        }
        int count = u2(classFile, 8);
        int position = POOL_START;
        for (int index = 1; index < count; index++) {
            if (position >= classFile.length) {
                return anyBytesIn(classFile);
            }
            int tag = classFile[position];
            switch (tag) {
                case 1 -> { // Utf8: u2 length, then the text
                    if (position + 3 > classFile.length) {
                        return anyBytesIn(classFile);
                    }
                    int length = u2(classFile, position + 1);
                    int text = position + 3;
                    if (text + length > classFile.length) {
                        return anyBytesIn(classFile);
                    }
                    if (length >= shortest && length <= longest && isWord(classFile, text, length)) {
                        return true;
                    }
                    position = text + length;
                }
                case 7, 8, 16, 19, 20 -> position += 3; // Class, String, MethodType, Module, Package
                case 15 -> position += 4; // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> position += 5; // Integer, Float, refs, NameAndType, (Invoke)Dynamic
                case 5, 6 -> { // Long, Double: two pool slots
                    position += 9;
                    index++;
                }
                default -> {
                    return anyBytesIn(classFile); // a tag newer than this code: be safe, search the bytes
                }
            }
        }
        return false;
    }

    private boolean isWord(byte[] classFile, int text, int length) {
        for (byte[] word : words) {
            if (word.length == length && regionEquals(classFile, text, word)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyBytesIn(byte[] classFile) {
        for (byte[] word : words) {
            if (contains(classFile, word)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the needle occurs anywhere in the haystack: the fallback for a file the walk cannot read. */
    public static boolean contains(byte[] haystack, byte[] needle) {
        int last = haystack.length - needle.length;
        for (int i = 0; i <= last; i++) {
            if (regionEquals(haystack, i, needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionEquals(byte[] bytes, int offset, byte[] word) {
        for (int j = 0; j < word.length; j++) {
            if (bytes[offset + j] != word[j]) {
                return false;
            }
        }
        return true;
    }

    private static int u2(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 8 | bytes[offset + 1] & 0xFF;
    }

    private static int u4(byte[] bytes, int offset) {
        return u2(bytes, offset) << 16 | u2(bytes, offset + 2);
    }
}
