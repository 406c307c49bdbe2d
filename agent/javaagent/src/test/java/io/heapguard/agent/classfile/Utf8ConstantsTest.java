package io.heapguard.agent.classfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import io.heapguard.MemoryAware;
import net.bytebuddy.ByteBuddy;

class Utf8ConstantsTest {

    private static final String MEMORY_AWARE = "Lio/heapguard/MemoryAware;";

    @Test
    void anyIn_annotatedClass_findsTheDescriptor_plainClassNot() throws IOException {
        Utf8Constants annotations = new Utf8Constants(MEMORY_AWARE, "Lio/heapguard/OnMemoryPressure;");

        assertThat(annotations.anyIn(classFile(Annotated.class))).isTrue();
        assertThat(annotations.anyIn(classFile(Plain.class))).isFalse();
    }

    @Test
    void anyIn_afterLongAndDoubleConstants_stillFindsMethodName() throws IOException {
        // ldc2_w constants take two pool slots: a walk that counted them as one would lose its place
        assertThat(new Utf8Constants("histogram").anyIn(classFile(Plain.class))).isTrue();
        assertThat(new Utf8Constants("histogra", "histograms").anyIn(classFile(Plain.class))).isFalse();
    }

    @Test
    void anyIn_notAClassFile_orTruncated_fallsBackToTheByteSearch() throws IOException {
        Utf8Constants annotations = new Utf8Constants(MEMORY_AWARE);
        byte[] annotated = classFile(Annotated.class);
        int descriptor = indexOf(annotated, MEMORY_AWARE.getBytes(StandardCharsets.US_ASCII));

        assertThat(annotations.anyIn(("xx" + MEMORY_AWARE + "xx").getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(annotations.anyIn("xx".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(annotations.anyIn(Arrays.copyOf(annotated, descriptor + MEMORY_AWARE.length()))).isTrue();
        assertThat(annotations.anyIn(Arrays.copyOf(annotated, descriptor))).isFalse();
        assertThat(new Utf8Constants().anyIn(annotated)).isFalse();
    }

    /** Over every class of a real library the walk answers exactly what a byte search for the whole entry does. */
    @Test
    void anyIn_everyClassOfALibrary_agreesWithAByteSearchForTheEntry() throws Exception {
        String[] words = {"toString", "apply", "Lnet/bytebuddy/build/HashCodeAndEqualsPlugin$Enhance;", "histogram"};
        int classes = 0;
        int[] found = new int[words.length];
        try (JarFile jar = new JarFile(ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation().getPath())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                byte[] classFile;
                try (InputStream in = jar.getInputStream(entry)) {
                    classFile = in.readAllBytes();
                }
                classes++;
                for (int i = 0; i < words.length; i++) {
                    boolean walked = new Utf8Constants(words[i]).anyIn(classFile);
                    assertThat(walked).as(entry.getName() + " " + words[i])
                            .isEqualTo(Utf8Constants.contains(classFile, utf8Entry(words[i])));
                    found[i] += walked ? 1 : 0;
                }
            }
        }
        assertThat(classes).isGreaterThan(1000);
        assertThat(found[0]).isGreaterThan(100);
        assertThat(found[2]).isGreaterThan(100);
    }

    private static byte[] utf8Entry(String word) {
        byte[] text = word.getBytes(StandardCharsets.UTF_8);
        byte[] entry = new byte[text.length + 3];
        entry[0] = 1;
        entry[2] = (byte) text.length;
        System.arraycopy(text, 0, entry, 3, text.length);
        return entry;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class")) {
            return in.readAllBytes();
        }
    }

    static final class Annotated {
        @MemoryAware(bytes = 1024)
        void guarded() {
        }
    }

    static final class Plain {
        long big() {
            return 1234567890123L;
        }

        double ratio() {
            return 0.123456789;
        }

        int histogram() {
            return 1;
        }
    }
}
