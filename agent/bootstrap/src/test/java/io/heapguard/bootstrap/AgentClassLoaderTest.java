package io.heapguard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The isolated loader over a jar laid out like heapguard-agent.jar (classes hidden under inst/). */
class AgentClassLoaderTest {

    private static final String FIXTURE = HiddenFixture.class.getName();
    private static final int VERSIONED_RELEASE = 21;

    @TempDir
    Path dir;
    private Path jar;

    @BeforeEach
    void packageJar() throws IOException {
        jar = dir.resolve("agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Multi-Release"), "true");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            put(out, "inst/" + FIXTURE.replace('.', '/') + ".classdata", classFile(HiddenFixture.class));
            put(out, "inst/META-INF/services/com.example.Service", "com.example.Impl\n".getBytes(StandardCharsets.UTF_8));
            put(out, "inst/com/example/native/libdemo.so", new byte[] {1, 2, 3});
            put(out, "inst/com/example/versioned.txt", "base".getBytes(StandardCharsets.UTF_8));
            put(out, "META-INF/versions/" + VERSIONED_RELEASE + "/inst/com/example/versioned.txt",
                    "release-21".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void loadClass_hiddenClassData_definedByAgentLoaderNotTheClassPathCopy() throws Exception {
        try (AgentClassLoader loader = loader()) {
            Class<?> loaded = loader.loadClass(FIXTURE);

            assertThat(loaded.getClassLoader()).isSameAs(loader);
            assertThat(loaded).isNotSameAs(HiddenFixture.class);
            assertThat(loaded.getMethod("hello").invoke(loaded.getDeclaredConstructor().newInstance())).isEqualTo("hidden");
            assertThat(loaded.getPackage().getName()).isEqualTo("io.heapguard.bootstrap");
        }
    }

    @Test
    void loadClass_missing_classNotFoundNamingTheClass() throws IOException {
        try (AgentClassLoader loader = loader()) {
            assertThatThrownBy(() -> loader.loadClass("com.example.Missing"))
                    .isInstanceOf(ClassNotFoundException.class).hasMessageContaining("com.example.Missing");
        }
    }

    @Test
    void getResource_classFileAndNativeLibrary_servedAsJarUrlsUnderInst() throws IOException {
        try (AgentClassLoader loader = loader()) {
            URL classFile = loader.getResource(FIXTURE.replace('.', '/') + ".class");
            URL library = loader.getResource("com/example/native/libdemo.so");

            assertThat(classFile).isNotNull();
            assertThat(classFile.toString()).startsWith("jar:").endsWith("!/inst/io/heapguard/bootstrap/HiddenFixture.classdata");
            try (InputStream in = library.openStream()) {
                assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
            }
        }
    }

    @Test
    void getResources_serviceFile_foundForServiceLoader() throws IOException {
        try (AgentClassLoader loader = loader()) {
            assertThat(Collections.list(loader.getResources("META-INF/services/com.example.Service"))).hasSize(1);
            assertThat(Collections.list(loader.getResources("META-INF/services/com.example.Other"))).isEmpty();
        }
    }

    @Test
    void getResource_multiReleaseEntry_chosenForTheRunningJava() throws IOException {
        try (AgentClassLoader loader = loader(); InputStream in = loader.getResourceAsStream("com/example/versioned.txt")) {
            String expected = Runtime.version().feature() >= VERSIONED_RELEASE ? "release-21" : "base";
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
        }
    }

    @Test
    void openedJar_sameClassesAndResourcesAsFromTheFile_jarClosedWithTheLoader() throws Exception {
        JarFile opened = new JarFile(jar.toFile(), false, ZipFile.OPEN_READ, Runtime.version());
        try (AgentClassLoader fromOpened = new AgentClassLoader(opened, ClassLoader.getPlatformClassLoader());
             AgentClassLoader fromFile = loader()) {
            assertThat(fromOpened.loadClass(FIXTURE).getClassLoader()).isSameAs(fromOpened);
            assertThat(fromOpened.getResource("com/example/versioned.txt"))
                    .isEqualTo(fromFile.getResource("com/example/versioned.txt"));
        }
        assertThatThrownBy(opened::entries).as("the loader owns and closes the jar").isInstanceOf(IllegalStateException.class);
    }

    private AgentClassLoader loader() throws IOException {
        return new AgentClassLoader(jar.toFile(), ClassLoader.getPlatformClassLoader());
    }

    private static void put(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }
}
